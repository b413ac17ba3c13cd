package org.moderation.bi.catalog.alert.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.versioning.persistence.VersionedTables;

/** The alert rules, their versions and their audit trail. */
@ApplicationScoped
public class AlertRuleRepository extends VersionedTables<AlertRuleEntity, AlertRuleVersionEntity, AlertRuleChangeEntity> {

    AlertRuleRepository() {
        super(AlertRuleEntity.class, AlertRuleEntity::new, AlertRuleVersionEntity.class, AlertRuleVersionEntity::new,
                AlertRuleChangeEntity.class, AlertRuleChangeEntity::new);
    }
}
