package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.ChangedPosts;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.TargetVersions;

/** Runs every check after a load, persists the results with the run and logs the verdict. */
@ApplicationScoped
public class MigrationValidator {

    private static final Logger LOG = Logger.getLogger(MigrationValidator.class);

    private final AgroalDataSource target;
    private final StructuralChecks structural;
    private final SemanticChecks semantic;
    private final PlatformChecks platform;
    private final DataQualityFindings dataQuality;
    private final ValidationResultRepository results;
    private final QuarantineRepository quarantine;
    private final TargetVersions versions;
    private final ChangedPosts changedPosts;
    private final MigratorConfig config;

    public MigrationValidator(AgroalDataSource target, StructuralChecks structural, SemanticChecks semantic,
            PlatformChecks platform, DataQualityFindings dataQuality, ValidationResultRepository results,
            QuarantineRepository quarantine, TargetVersions versions, ChangedPosts changedPosts,
            MigratorConfig config) {
        this.target = target;
        this.structural = structural;
        this.semantic = semantic;
        this.platform = platform;
        this.dataQuality = dataQuality;
        this.results = results;
        this.quarantine = quarantine;
        this.versions = versions;
        this.changedPosts = changedPosts;
        this.config = config;
    }

    /**
     * Legacy posts that changed since the run's legacy clock, and quarantined ones, are left out of both sides:
     * moderators keep working while a run loads, and those posts are the next delta's, not this run's mistakes.
     *
     * @param asOf the legacy database's "now" for this run: the end of the trailing removal-rate window
     */
    public ValidationReport validate(long runId, OffsetDateTime asOf) throws SQLException {
        List<Long> quarantined;
        long highestKnown;
        try (Connection connection = target.getConnection()) {
            quarantined = quarantine.quarantinedLegacyIds(connection);
            highestKnown = versions.highestKnownLegacyId(connection);
        }
        long[] movedOn = changedPosts.since(asOf, highestKnown, List.of());
        var excluded = new TreeSet<>(quarantined);
        Arrays.stream(movedOn).forEach(excluded::add);
        Long[] leftOut = excluded.toArray(Long[]::new);
        List<CheckResult> checks = new ArrayList<>();
        checks.addAll(structural.run(leftOut));
        checks.addAll(semantic.run(leftOut, asOf.minus(config.validation().removalRateWindow()), asOf));
        checks.add(CheckResult.finding("legacy_changed_since_run_began", (long) movedOn.length, null,
                "legacy posts changed after the run's legacy clock, left out of the comparisons; the next delta loads them"));
        checks.addAll(platform.run());
        checks.addAll(dataQuality.run());
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

}
