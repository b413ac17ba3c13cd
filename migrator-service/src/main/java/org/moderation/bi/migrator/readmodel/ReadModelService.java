package org.moderation.bi.migrator.readmodel;

import java.sql.SQLException;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.run.MigrationLock;
import org.moderation.bi.shared.api.migration.RefreshView;

/** An on-demand refresh, under the migration lock so it never races a run's own refresh. */
@ApplicationScoped
public class ReadModelService {

    private final MigrationLock lock;
    private final ReadModelRefresher refresher;

    public ReadModelService(MigrationLock lock, ReadModelRefresher refresher) {
        this.lock = lock;
        this.refresher = refresher;
    }

    /** @throws org.moderation.bi.migrator.run.RunInProgress when a run holds the lock */
    public RefreshView refresh() throws SQLException {
        try (var held = lock.acquire()) {
            ReadModelRefresher.Refresh refresh = refresher.refresh(null);
            OffsetDateTime finished = refresh.startedAt().plus(refresh.took());
            return new RefreshView(refresh.startedAt(), finished, refresh.took().toMillis(), refresh.concurrent());
        }
    }
}
