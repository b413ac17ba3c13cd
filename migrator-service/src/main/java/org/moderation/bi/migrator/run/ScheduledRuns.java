package org.moderation.bi.migrator.run;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.persistence.RunInProgress;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.stream.LegacyStream;

/**
 * Runs a delta on {@code migrator.delta.cron} and an audit on {@code migrator.audit.cron} ({@code off} disables
 * either). Safe with several replicas: the migration lock lets one run at a time across the cluster, and a trigger
 * that finds a run in progress is skipped and logged. While the stream is live here, deltas are the backstop: a
 * trigger runs one only when the last completed run is older than {@code migrator.stream.backstop-every}.
 */
@ApplicationScoped
public class ScheduledRuns {

    private static final Logger LOG = Logger.getLogger(ScheduledRuns.class);

    private final MigrationRunner runner;
    private final LegacyStream stream;
    private final RunLedger ledger;
    private final MigratorConfig config;

    public ScheduledRuns(MigrationRunner runner, LegacyStream stream, RunLedger ledger, MigratorConfig config) {
        this.runner = runner;
        this.stream = stream;
        this.ledger = ledger;
        this.config = config;
    }

    @Scheduled(identity = "delta", cron = "{migrator.delta.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDelta() {
        try {
            Duration backstop = config.stream().backstopEvery();
            if (stream.live() && ledger.sinceLastCompletedRun().filter(age -> age.compareTo(backstop) < 0)
                    .isPresent()) {
                LOG.debugf("scheduled delta skipped: the stream is live, and the last run completed less than %s ago",
                        backstop);
                return;
            }
        } catch (SQLException e) {
            LOG.warnf("could not tell when the last run completed, so the delta runs: %s", e.getMessage());
        }
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
