package org.moderation.bi.migrator.readmodel;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.persistence.MigrationLock;
import org.moderation.bi.shared.api.migration.RebuildView;

/** An on-demand full rebuild, under the migration lock so that no run's chunks wait on it half-way. */
@ApplicationScoped
public class ReadModelService {

    private final MigrationLock lock;
    private final ReadModelMaintenance maintenance;

    public ReadModelService(MigrationLock lock, ReadModelMaintenance maintenance) {
        this.lock = lock;
        this.maintenance = maintenance;
    }

    /** @throws org.moderation.bi.migrator.persistence.RunInProgress when a run holds the lock */
    public RebuildView rebuild() throws SQLException {
        try (var held = lock.acquire()) {
            return maintenance.rebuild(null);
        }
    }
}
