package org.moderation.bi.catalog.dashboard.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.versioning.persistence.VersionedTables;

/** The dashboards, their versions and their audit trail. */
@ApplicationScoped
public class DashboardRepository extends VersionedTables<DashboardEntity, DashboardVersionEntity, DashboardChangeEntity> {

    DashboardRepository() {
        super(DashboardEntity.class, DashboardEntity::new, DashboardVersionEntity.class, DashboardVersionEntity::new,
                DashboardChangeEntity.class, DashboardChangeEntity::new);
    }
}
