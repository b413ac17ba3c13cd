package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.run.RunMetrics;
import org.moderation.bi.migrator.legacy.LegacyReferenceReader;
import org.moderation.bi.migrator.legacy.LegacySchemaCheck;
import org.moderation.bi.migrator.persistence.TargetStatistics;
import org.moderation.bi.migrator.readmodel.ReadModelRefresher;
import org.moderation.bi.migrator.run.MigrationLock;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.run.RunRepository;
import org.moderation.bi.migrator.run.RunStatus;
import org.moderation.bi.migrator.validation.CheckResult;
import org.moderation.bi.migrator.validation.MigrationValidator;
import org.moderation.bi.migrator.validation.ValidationReport;

/**
 * The life of every run, full or delta: take the cluster-wide lock, fail runs abandoned by dead processes, check
 * the legacy schema, plan and record the run, load, refresh the read model when the target changed, validate,
 * and record the outcome. {@link #begin} and {@link #complete} are separate so that a caller can answer before
 * the load finishes.
 */
@ApplicationScoped
public class MigrationRunner {

    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);

    /** A recorded run holding the migration lock; {@link #complete} releases it. */
    public record StartedRun(long runId, RunKind kind, OffsetDateTime legacyNow, PlannedLoad plan,
            MigrationLock.Held lock) {
    }

    private final MigrationLock lock;
    private final RunRepository runs;
    private final LegacySchemaCheck schemaCheck;
    private final LegacyReferenceReader referenceReader;
    private final FullLoad fullLoad;
    private final DeltaLoad deltaLoad;
    private final ReferenceDataSync references;
    private final ReadModelRefresher readModel;
    private final MigrationValidator validator;
    private final TargetStatistics statistics;
    private final MigratorConfig config;
    private final RunMetrics metrics;

    public MigrationRunner(MigrationLock lock, RunRepository runs, LegacySchemaCheck schemaCheck,
            LegacyReferenceReader referenceReader, FullLoad fullLoad, DeltaLoad deltaLoad, ReferenceDataSync references,
            ReadModelRefresher readModel, MigrationValidator validator, TargetStatistics statistics,
            MigratorConfig config, RunMetrics metrics) {
        this.lock = lock;
        this.runs = runs;
        this.schemaCheck = schemaCheck;
        this.referenceReader = referenceReader;
        this.fullLoad = fullLoad;
        this.deltaLoad = deltaLoad;
        this.references = references;
        this.readModel = readModel;
        this.validator = validator;
        this.statistics = statistics;
        this.config = config;
        this.metrics = metrics;
    }

    public RunResult run(RunKind kind) throws SQLException {
        return complete(begin(kind));
    }

    /** @throws org.moderation.bi.migrator.run.RunInProgress when another run holds the lock */
    public StartedRun begin(RunKind kind) throws SQLException {
        MigrationLock.Held held = lock.acquire();
        try {
            int abandoned = runs.failAbandonedRuns();
            if (abandoned > 0) {
                LOG.warnf("marked %d run(s) left 'running' by a process that died as failed", abandoned);
            }
            schemaCheck.verify();
            OffsetDateTime legacyNow = referenceReader.now();
            PlannedLoad plan = kind == RunKind.FULL ? fullLoad.plan() : deltaLoad.plan();
            OffsetDateTime watermark = plan.resumed().map(RunRepository.Resumable::windowTo)
                    .filter(chainStart -> chainStart.isBefore(legacyNow)).orElse(legacyNow);
            long runId = runs.start(kind, plan.windowFrom(), watermark, plan.resumed(), plan.postsTotal());
            LOG.infof("run %d (%s) started: legacy window %s .. %s, %,d posts to look at", runId, kind.code(),
                    plan.windowFrom() == null ? "beginning" : plan.windowFrom(), legacyNow, plan.postsTotal());
            return new StartedRun(runId, kind, legacyNow, plan, held);
        } catch (SQLException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    public RunResult complete(StartedRun run) throws SQLException {
        try (MigrationLock.Held held = run.lock()) {
            long runId = run.runId();
            long start = System.nanoTime();
            var progress = new RunProgress(runId, run.plan().postsTotal(), config.progressInterval());
            try {
                boolean referencesChanged = references.load(runId);
                boolean changed = run.plan().load(runId, progress) | referencesChanged;
                LOG.info(progress.line());
                if (run.kind() == RunKind.FULL) {
                    statistics.analyze();
                }
                long loaded = System.nanoTime();
                ReadModelRefresher.Refresh refresh = changed ? readModel.refresh(runId) : null;
                long refreshed = System.nanoTime();
                ValidationReport report = validator.validate(runId, run.legacyNow());
                LOG.infof("run %d phases: load %.1f s, read model refresh %s, validation %.1f s", runId,
                        (loaded - start) / 1e9, refresh == null ? "skipped (nothing changed)"
                                : String.format("%.1f s", (refreshed - loaded) / 1e9),
                        (System.nanoTime() - refreshed) / 1e9);
                RunStatus status = report.passed() ? RunStatus.SUCCEEDED : RunStatus.VALIDATION_FAILED;
                runs.finish(runId, status, report.passed() ? null : "validation failed: "
                        + report.failures().stream().map(CheckResult::name).toList());
                report.failures().forEach(failure -> metrics.validationFailed(failure.name()));
                finished(run, status, start, progress);
                return new RunResult(runId, refresh, report);
            } catch (SQLException | RuntimeException e) {
                runs.finish(runId, RunStatus.FAILED, e.getMessage());
                finished(run, RunStatus.FAILED, start, progress);
                throw e;
            }
        }
    }

    private void finished(StartedRun run, RunStatus status, long startNanos, RunProgress progress) {
        metrics.runFinished(run.kind(), status, Duration.ofNanos(System.nanoTime() - startNanos), progress.written(),
                progress.quarantined());
    }
}
