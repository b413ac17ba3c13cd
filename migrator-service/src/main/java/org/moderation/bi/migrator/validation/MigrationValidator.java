package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.SqlInBackground;

/**
 * Validates a run against the legacy snapshot its reconciliation made the target equal to, persists the results
 * with the run and logs the verdict. A delta checks what it changed, fact by fact, and the aggregate figures (the
 * legacy side in one aggregate query, the target side from the rollups); an audit checks every submission, every
 * row's structure and the read model against its rules.
 */
@ApplicationScoped
public class MigrationValidator {

    private static final Logger LOG = Logger.getLogger(MigrationValidator.class);

    private final AgroalDataSource legacy;
    private final AgroalDataSource target;
    private final StructuralChecks structural;
    private final SemanticChecks semantic;
    private final PlatformChecks platform;
    private final LegacyFigures legacyFigures;
    private final ReadModelFigures readModelFigures;
    private final ReadModelIntegrity integrity;
    private final ValidationResultRepository results;
    private final QuarantineRepository quarantine;
    private final ManagedExecutor executor;
    private final MigratorConfig config;

    public MigrationValidator(@DataSource("legacy") AgroalDataSource legacy, AgroalDataSource target,
            StructuralChecks structural, SemanticChecks semantic, PlatformChecks platform, LegacyFigures legacyFigures,
            ReadModelFigures readModelFigures, ReadModelIntegrity integrity, ValidationResultRepository results,
            QuarantineRepository quarantine, ManagedExecutor executor, MigratorConfig config) {
        this.legacy = legacy;
        this.target = target;
        this.structural = structural;
        this.semantic = semantic;
        this.platform = platform;
        this.legacyFigures = legacyFigures;
        this.readModelFigures = readModelFigures;
        this.integrity = integrity;
        this.results = results;
        this.quarantine = quarantine;
        this.executor = executor;
        this.config = config;
    }

    /**
     * Starts computing the legacy side's figures at once, on a second connection sharing the snapshot, while the
     * caller reconciles: the legacy state cannot change under a snapshot, so its figures do not wait for the target.
     */
    public Pending begin(LegacySnapshot snapshot) throws SQLException {
        Long[] quarantined;
        try (Connection connection = target.getConnection()) {
            quarantined = quarantine.quarantinedLegacyIds(connection).toArray(Long[]::new);
        }
        RateWindow window = RateWindow.before(snapshot.now(), config.validation().removalRateWindow());
        LegacySnapshot shared = snapshot.share(legacy);
        CompletableFuture<LegacyFigures.Result> figures = SqlInBackground.start(executor, () -> {
            try (shared) {
                return legacyFigures.read(shared, quarantined, window);
            }
        });
        return new Pending(snapshot, quarantined, window, figures);
    }

    /** A validation whose legacy figures are on their way; finish it with one of its two kinds. */
    public final class Pending implements AutoCloseable {

        private final LegacySnapshot snapshot;
        private final Long[] quarantined;
        private final RateWindow window;
        private final CompletableFuture<LegacyFigures.Result> legacySide;

        private Pending(LegacySnapshot snapshot, Long[] quarantined, RateWindow window,
                CompletableFuture<LegacyFigures.Result> legacySide) {
            this.snapshot = snapshot;
            this.quarantined = quarantined;
            this.window = window;
            this.legacySide = legacySide;
        }

        /** A delta's or a reconciliation's: the posts it changed, and the figures. */
        public ValidationReport ofChange(long runId, Collection<Long> changed) throws SQLException {
            return validate(runId, changed.toArray(Long[]::new));
        }

        /** Every submission, every row, and the read model against its rules. */
        public ValidationReport audit(long runId) throws SQLException {
            return validate(runId, null);
        }

        /**
         * The checks that read the target alone run beside those that read the legacy snapshot, each on its own
         * connection: they compare different things and share nothing but the database, which has a core for each.
         * Their results keep one order whatever finishes first.
         */
        private ValidationReport validate(long runId, Long[] scope) throws SQLException {
            CompletableFuture<List<CheckResult>> readModel = SqlInBackground.start(executor,
                    () -> scope == null ? integrity.run() : List.of());
            CompletableFuture<BusinessFigures> targetFigures = SqlInBackground.start(executor,
                    () -> readModelFigures.read(quarantined, window));
            CompletableFuture<List<CheckResult>> platforms = SqlInBackground.start(executor, () -> platform.run(scope));
            List<CheckResult> structure;
            CheckResult facts;
            try {
                structure = structural.run(snapshot, quarantined, scope);
                facts = semantic.perSubmission(snapshot, quarantined, scope);
            } finally {
                CompletableFuture.allOf(readModel, targetFigures, platforms).handle((done, failure) -> null).join();
            }
            List<CheckResult> checks = new ArrayList<>(structure);
            checks.addAll(SqlInBackground.join(readModel));
            checks.add(facts);
            LegacyFigures.Result legacy = SqlInBackground.join(legacySide);
            checks.addAll(SemanticChecks.figures(legacy.figures(), SqlInBackground.join(targetFigures)));
            checks.add(CheckResult.finding("status_removed_without_takedown", legacy.removedStatusWithoutTakedown(),
                    null, "status 'removed' with no takedown timestamp anywhere: not counted as removals"));
            checks.addAll(SqlInBackground.join(platforms));
            checks.add(CheckResult.finding("legacy_data_quality", legacy.dataQuality(), null,
                    "legacy rows with missing or inconsistent values, migrated as they are"));
            results.save(runId, checks);
            var report = new ValidationReport(runId, checks);
            if (report.passed()) {
                LOG.infof("validation of run %d passed all %d checks", runId, checks.size());
            } else {
                LOG.warnf("validation of run %d failed: %s (both sides of each are in validation_results)", runId,
                        report.failures().stream().map(CheckResult::name).toList());
            }
            return report;
        }

        /** Waits for the legacy side, so that its connection is back in the pool whatever happened. */
        @Override
        public void close() {
            legacySide.handle((result, failure) -> null).join();
        }
    }
}
