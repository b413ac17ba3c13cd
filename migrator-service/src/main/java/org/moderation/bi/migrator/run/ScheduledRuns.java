package org.moderation.bi.migrator.run;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.persistence.RunInProgress;

/**
 * Runs a delta on {@code migrator.delta.cron} and an audit on {@code migrator.audit.cron} ({@code off} disables
 * either). Safe with several replicas: the migration lock lets one run at a time across the cluster, and a trigger
 * that finds a run in progress is skipped and logged.
 */
@ApplicationScoped
public class ScheduledRuns {

    private static final Logger LOG = Logger.getLogger(ScheduledRuns.class);

    private final MigrationRunner runner;

    public ScheduledRuns(MigrationRunner runner) {
        this.runner = runner;
    }

    @Scheduled(identity = "delta", cron = "{migrator.delta.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDelta() {
        run(RunKind.DELTA);
    }

    @Scheduled(identity = "audit", cron = "{migrator.audit.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runAudit() {
        run(RunKind.AUDIT);
    }

    private void run(RunKind kind) {
        try {
            RunResult result = runner.run(kind);
            if (!result.validation().passed()) {
                LOG.warn(result.validation().render());
            }
        } catch (RunInProgress e) {
            LOG.infof("scheduled %s skipped: another migration run is in progress", kind.code());
        } catch (NoCompletedLoad e) {
            LOG.warnf("scheduled %s skipped: %s", kind.code(), e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("scheduled %s failed: %s", kind.code(), e.getMessage());
            LOG.debug("scheduled run failure", e);
        }
    }
}
