package org.moderation.bi.migrator.run;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacyReferenceReader;
import org.moderation.bi.migrator.legacy.LegacySchemaCheck;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.load.DeltaLoad;
import org.moderation.bi.migrator.load.FullLoad;
import org.moderation.bi.migrator.load.MassDeletionRefused;
import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.load.PlannedLoad;
import org.moderation.bi.migrator.load.Reconciliation;
import org.moderation.bi.migrator.load.ReferenceDataSync;
import org.moderation.bi.migrator.load.RunProgress;
import org.moderation.bi.migrator.persistence.MigrationLock;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.persistence.StreamLedger;
import org.moderation.bi.migrator.persistence.TargetStatistics;
import org.moderation.bi.migrator.readmodel.ReadModelMaintenance;
import org.moderation.bi.migrator.stream.LegacyStream;
import org.moderation.bi.migrator.validation.CheckResult;
import org.moderation.bi.migrator.validation.MigrationValidator;
import org.moderation.bi.migrator.validation.ValidationReport;
import org.moderation.bi.shared.api.migration.ReconciliationView;

/**
 * The life of every run: take the cluster-wide lock, fail runs abandoned by dead processes, check the legacy schema,
 * plan and record the run; then load (the fast path of a full load or a delta), reconcile the target with one legacy
 * snapshot, validate against that same snapshot, and record the outcome. The read model changes with every chunk,
 * so there is no refresh step. {@link #begin} and {@link #complete} are separate so that a caller can answer before
 * the run finishes.
 */
@ApplicationScoped
public class MigrationRunner {

    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);

    /** A recorded run holding the migration lock; {@link #complete} releases it. */
    public record StartedRun(long runId, RunKind kind, boolean allowMassDelete, PlannedLoad plan,
            MigrationLock.Held lock) {
    }

    private final MigrationLock lock;
    private final RunRepository runs;
    private final RunLedger ledger;
    private final LegacySchemaCheck schemaCheck;
    private final LegacyReferenceReader referenceReader;
    private final FullLoad fullLoad;
    private final DeltaLoad deltaLoad;
    private final ReferenceDataSync references;
    private final Reconciliation reconciliation;
    private final ReadModelMaintenance readModel;
    private final MigrationValidator validator;
    private final TargetStatistics statistics;
    private final AgroalDataSource legacy;
    private final MigratorConfig config;
    private final RunMetrics metrics;
    private final LegacyStream stream;
    private final StreamLedger streamLedger;

    public MigrationRunner(MigrationLock lock, RunRepository runs, RunLedger ledger, LegacySchemaCheck schemaCheck,
            LegacyReferenceReader referenceReader, FullLoad fullLoad, DeltaLoad deltaLoad, ReferenceDataSync references,
            Reconciliation reconciliation, ReadModelMaintenance readModel, MigrationValidator validator,
            TargetStatistics statistics, @DataSource("legacy") AgroalDataSource legacy, MigratorConfig config,
            RunMetrics metrics, LegacyStream stream, StreamLedger streamLedger) {
        this.lock = lock;
        this.runs = runs;
        this.ledger = ledger;
        this.schemaCheck = schemaCheck;
        this.referenceReader = referenceReader;
        this.fullLoad = fullLoad;
        this.deltaLoad = deltaLoad;
        this.references = references;
        this.reconciliation = reconciliation;
        this.readModel = readModel;
        this.validator = validator;
        this.statistics = statistics;
        this.legacy = legacy;
        this.config = config;
        this.metrics = metrics;
        this.stream = stream;
        this.streamLedger = streamLedger;
    }

    public RunResult run(RunKind kind) throws SQLException {
        return complete(begin(kind, false));
    }

    /**
     * @param allowMassDelete an operator's consent to deletions the deletion guard would refuse
     * @throws org.moderation.bi.migrator.persistence.RunInProgress when another run holds the lock
     */
    public StartedRun begin(RunKind kind, boolean allowMassDelete) throws SQLException {
        MigrationLock.Held held = lock.acquire();
        try {
            int abandoned = runs.failAbandonedRuns();
            if (abandoned > 0) {
                LOG.warnf("marked %d run(s) left 'running' by a process that died as failed", abandoned);
            }
            schemaCheck.verify();
            if (kind != RunKind.FULL) {
                Optional<Long> unfinished = ledger.unfinishedBulkLoad();
                if (unfinished.isPresent()) {
                    throw NoCompletedLoad.unfinishedBulkLoad(unfinished.get());
                }
            }
            if (kind == RunKind.FULL) {
                stream.beforeFullLoad();
            }
            OffsetDateTime legacyNow = referenceReader.now();
            long planning = System.nanoTime();
            PlannedLoad plan = switch (kind) {
                case FULL -> fullLoad.plan();
                case DELTA -> deltaLoad.plan();
                case RECONCILE, AUDIT -> reconcileOnly();
            };
            OffsetDateTime watermark = plan.resumed().map(RunLedger.Resumable::windowTo)
                    .filter(chainStart -> chainStart.isBefore(legacyNow)).orElse(legacyNow);
            long runId = runs.start(kind, plan.windowFrom(), watermark, plan.resumed(), plan.postsTotal(),
                    plan.bulk());
            LOG.infof("run %d (%s%s) started: legacy window %s .. %s, %,d posts to look at before reconciling "
                            + "(found in %.1f s)", runId, kind.code(), plan.bulk() ? ", bulk" : "",
                    plan.windowFrom() == null ? "beginning" : plan.windowFrom(), legacyNow, plan.postsTotal(),
                    (System.nanoTime() - planning) / 1e9);
            return new StartedRun(runId, kind, allowMassDelete, plan, held);
        } catch (SQLException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** A reconciliation compares with a loaded target: before the first full load it would be one, bucket by bucket. */
    private PlannedLoad reconcileOnly() throws SQLException {
        ledger.lastLoadedWatermark().orElseThrow(NoCompletedLoad::new);
        return PlannedLoad.NOTHING;
    }

    public RunResult complete(StartedRun run) throws SQLException {
        try (MigrationLock.Held held = run.lock()) {
            long runId = run.runId();
            long start = System.nanoTime();
            var progress = new RunProgress(runId, run.plan().postsTotal(), config.progressInterval());
            try {
                if (!run.allowMassDelete()) {
                    reconciliation.refuseAnImplausibleLegacyDatabase(runId);
                }
                readModel.pruneHourly();
                references.load(runId);
                PlannedLoad plan = run.plan();
                Set<Long> notFound = plan.readsThroughSnapshot() ? Set.of() : plan.load(runId, null, progress);
                if (run.kind() == RunKind.FULL && !plan.bulk()) {
                    statistics.analyze();
                    statistics.analyzeReadModel();
                }
                long loaded = System.nanoTime();
                long built;
                ReconciliationView reconciled;
                ValidationReport report;
                long reconciledAt;
                long snapshotAt = System.nanoTime();
                // One legacy snapshot for the rest of the run: its legacy-side work starts at once and runs beside
                // the load, or beside a bulk load's final build, whose second connection finishes before its first
                // (a core idle otherwise); the target is made equal to it and validated against it.
                try (LegacySnapshot snapshot = LegacySnapshot.open(legacy);
                     MigrationValidator.Pending validation = validator.begin(snapshot)) {
                    if (plan.bulk()) {
                        long rows = fullLoad.buildReadModel(runId);
                        LOG.infof("run %d: read model and reconciliation buckets built from the rules in %.1f s "
                                + "(%,d rows written or changed)", runId, (System.nanoTime() - loaded) / 1e9, rows);
                    }
                    built = plan.bulk() ? System.nanoTime() : loaded;
                    try (Reconciliation.Pending reconciling = reconciliation.begin(runId, snapshot)) {
                        if (plan.readsThroughSnapshot()) {
                            notFound = plan.load(runId, snapshot, progress);
                            loaded = System.nanoTime();
                            built = loaded;
                        }
                        reconciled = reconciling.finish(notFound, run.allowMassDelete(), progress);
                    }
                    // The read model is written: what its indexes hold pending is merged before anyone searches it.
                    long merged = readModel.flushPendingIndexEntries();
                    LOG.debugf("run %d: %,d pages of the read model's pending index entries merged", runId, merged);
                    reconciledAt = System.nanoTime();
                    report = run.kind().audits() ? validation.audit(runId)
                            : validation.ofChange(runId, progress.changedLegacyIds());
                }
                LOG.info(progress.line());
                LOG.infof("run %d phases: load %.1f s, read model build %.1f s, reconciliation %.1f s, "
                                + "validation %.1f s", runId, (loaded - start) / 1e9, (built - loaded) / 1e9,
                        (reconciledAt - built) / 1e9, (System.nanoTime() - reconciledAt) / 1e9);
                RunStatus status = report.passed() ? RunStatus.SUCCEEDED : RunStatus.VALIDATION_FAILED;
                if (report.passed()) {
                    readModel.markVerified(Duration.ofNanos(System.nanoTime() - snapshotAt));
                }
                streamLedger.runCompleted(runId, config.stream().appliedTransactionsKept());
                runs.finish(runId, status, report.passed() ? null : "validation failed: "
                        + report.failures().stream().map(CheckResult::name).toList());
                report.failures().forEach(failure -> metrics.validationFailed(failure.name()));
                metrics.reconciled(reconciled);
                finished(run, status, start, progress);
                var result = new RunResult(runId, run.kind(), progress.counts(), reconciled, report);
                LOG.info(result.countsLine());
                return result;
            } catch (SQLException | RuntimeException e) {
                if (e instanceof MassDeletionRefused) {
                    metrics.massDeleteRefused();
                    LOG.error(e.getMessage());
                }
                runs.finish(runId, RunStatus.FAILED, e.getMessage());
                finished(run, RunStatus.FAILED, start, progress);
                throw e;
            }
        }
    }

    private void finished(StartedRun run, RunStatus status, long startNanos, RunProgress progress) {
        metrics.runFinished(run.kind(), status, Duration.ofNanos(System.nanoTime() - startNanos),
                progress.counts().written(), progress.counts().quarantined());
    }
}
