package org.moderation.bi.catalog.metric.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.versioning.persistence.VersionedTables;

/** The metrics, their versions and their audit trail. */
@ApplicationScoped
public class MetricRepository extends VersionedTables<MetricEntity, MetricVersionEntity, MetricChangeEntity> {

    MetricRepository() {
        super(MetricEntity.class, MetricEntity::new, MetricVersionEntity.class, MetricVersionEntity::new,
                MetricChangeEntity.class, MetricChangeEntity::new);
    }
}
