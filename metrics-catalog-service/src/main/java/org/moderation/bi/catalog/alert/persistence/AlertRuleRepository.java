package org.moderation.bi.catalog.alert.persistence;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

import org.moderation.bi.catalog.versioning.persistence.VersionedTables;

/**
 * The alert rules, their versions and their audit trail; and which rules a community manager sees, by the
 * {@code communities} of each rule (all its versions' together, null when one watches every community), which the
 * database keeps (V5): {@code communities <@ claim}, answered by its GIN index.
 */
@ApplicationScoped
public class AlertRuleRepository extends VersionedTables<AlertRuleEntity, AlertRuleVersionEntity, AlertRuleChangeEntity> {

    AlertRuleRepository() {
        super(AlertRuleEntity.class, AlertRuleEntity::new, AlertRuleVersionEntity.class, AlertRuleVersionEntity::new,
                AlertRuleChangeEntity.class, AlertRuleChangeEntity::new);
    }

    /** The keys of the rules after {@code after} (null: from the first), in order, at most {@code limit} of them. */
    public List<String> keys(String after, int limit) {
        return Panache.getEntityManager().createQuery("select key from AlertRuleEntity where key > ?1 order by key",
                String.class).setParameter(1, after == null ? "" : after).setMaxResults(limit).getResultList();
    }

    /** As {@link #keys}, of the rules every version of which watches communities, all of them among these. */
    @SuppressWarnings("unchecked")
    public List<String> keysWithin(Collection<String> communities, String after, int limit) {
        return Panache.getEntityManager().createNativeQuery("SELECT rule_key FROM {h-schema}alert_rules "
                        + "WHERE communities <@ CAST(?1 AS text[]) AND rule_key > ?2 ORDER BY rule_key LIMIT ?3")
                .setParameter(1, communities.toArray(String[]::new)).setParameter(2, after == null ? "" : after)
                .setParameter(3, limit).getResultList();
    }

    /** Whether there is a rule with this key, every version of which watches communities, all of them among these. */
    public boolean within(String key, Collection<String> communities) {
        return !Panache.getEntityManager().createNativeQuery("SELECT 1 FROM {h-schema}alert_rules "
                        + "WHERE rule_key = ?1 AND communities <@ CAST(?2 AS text[])")
                .setParameter(1, key).setParameter(2, communities.toArray(String[]::new)).getResultList().isEmpty();
    }
}
