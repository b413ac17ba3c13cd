package org.moderation.bi.migrator.run;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import org.moderation.bi.migrator.load.MigrationRunner;
import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.load.RunResult;

/**
 * Runs a delta on the configured cron ({@code migrator.delta.cron}, {@code off} to disable). Safe with several
 * replicas: the migration lock lets one run at a time across the cluster, and a trigger that finds a run in
 * progress is skipped and logged.
 */
@ApplicationScoped
public class ScheduledDelta {

    private static final Logger LOG = Logger.getLogger(ScheduledDelta.class);

    private final MigrationRunner runner;

    public ScheduledDelta(MigrationRunner runner) {
        this.runner = runner;
    }

    @Scheduled(identity = "delta", cron = "{migrator.delta.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDelta() {
        try {
            RunResult result = runner.run(RunKind.DELTA);
            if (!result.validation().passed()) {
                LOG.warn(result.validation().render());
            }
        } catch (RunInProgress e) {
            LOG.info("scheduled delta skipped: another migration run is in progress");
        } catch (NoCompletedLoad e) {
            LOG.warn("scheduled delta skipped: " + e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("scheduled delta failed: %s", e.getMessage());
            LOG.debug("scheduled delta failure", e);
        }
    }
}
