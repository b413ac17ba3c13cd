package org.moderation.bi.catalog.metric.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

import org.moderation.bi.catalog.versioning.persistence.VersionedTables;

/** The metrics, their versions and their audit trail. */
@ApplicationScoped
public class MetricRepository extends VersionedTables<MetricEntity, MetricVersionEntity, MetricChangeEntity> {

    MetricRepository() {
        super(MetricEntity.class, MetricEntity::new, MetricVersionEntity.class, MetricVersionEntity::new,
                MetricChangeEntity.class, MetricChangeEntity::new);
    }

    /** Serializes the checks of metric names until the transaction ends: two admins cannot take one name at once. */
    public void lockNames() {
        Panache.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('catalog.metric-names'))")
                .getSingleResult();
    }
}
