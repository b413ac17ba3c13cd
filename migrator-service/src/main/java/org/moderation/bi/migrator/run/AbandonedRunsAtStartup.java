package org.moderation.bi.migrator.run;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import org.moderation.bi.migrator.persistence.MigrationLock;
import org.moderation.bi.migrator.persistence.RunInProgress;

/**
 * When the service starts, runs left 'running' by a process that died are marked failed at once, not only by the
 * next run. Only if no run is in progress anywhere: the migration lock says so.
 */
@ApplicationScoped
public class AbandonedRunsAtStartup {

    private static final Logger LOG = Logger.getLogger(AbandonedRunsAtStartup.class);

    private final MigrationLock lock;
    private final RunRepository runs;

    public AbandonedRunsAtStartup(MigrationLock lock, RunRepository runs) {
        this.lock = lock;
        this.runs = runs;
    }

    void onStart(@Observes StartupEvent event) {
        try (var held = lock.acquire()) {
            int abandoned = runs.failAbandonedRuns();
            if (abandoned > 0) {
                LOG.warnf("marked %d run(s) left 'running' by a process that died as failed", abandoned);
            }
        } catch (RunInProgress e) {
            LOG.debug("a run is in progress elsewhere; its runs are not abandoned");
        } catch (SQLException e) {
            LOG.warnf("could not check for abandoned runs at start-up: %s", e.getMessage());
        }
    }
}
