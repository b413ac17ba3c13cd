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

    /** Serializes the writes the rule budgets count: two at once could each take the last place. */
    public void lockBudgets() {
        Panache.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('catalog.alert_rule_budgets'))")
                .getSingleResult();
    }

    /** How many rules {@code owner} created that have a version not deprecated. */
    public long heldBy(String owner) {
        return ((Number) Panache.getEntityManager().createNativeQuery("SELECT count(*) FROM {h-schema}alert_rules r "
                        + "WHERE r.created_by = ?1 AND EXISTS (SELECT 1 FROM {h-schema}alert_rule_versions v "
                        + "WHERE v.rule_id = r.id AND v.status <> 'deprecated')")
                .setParameter(1, owner).getSingleResult()).longValue();
    }

    /** Those of these communities that more than {@code budget} rules watch in a version not deprecated, in order. */
    @SuppressWarnings("unchecked")
    public List<String> watchedByMoreThan(List<String> communities, int budget) {
        return Panache.getEntityManager().createNativeQuery("SELECT t.c FROM unnest(CAST(?1 AS text[])) "
                        + "WITH ORDINALITY AS t(c, i) WHERE (SELECT count(DISTINCT v.rule_id) "
                        + "FROM {h-schema}alert_rule_versions v WHERE v.status <> 'deprecated' "
                        + "AND v.definition -> 'communities' @> jsonb_build_array(t.c)) > ?2 ORDER BY t.i")
                .setParameter(1, communities.toArray(String[]::new)).setParameter(2, budget).getResultList();
    }

    /** Whether there is a rule with this key, every version of which watches communities, all of them among these. */
    public boolean within(String key, Collection<String> communities) {
        return !Panache.getEntityManager().createNativeQuery("SELECT 1 FROM {h-schema}alert_rules "
                        + "WHERE rule_key = ?1 AND communities <@ CAST(?2 AS text[])")
                .setParameter(1, key).setParameter(2, communities.toArray(String[]::new)).getResultList().isEmpty();
    }
}
