package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.persistence.QuarantineRepository;

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
    private final MigratorConfig config;

    public MigrationValidator(AgroalDataSource target, StructuralChecks structural, SemanticChecks semantic,
            PlatformChecks platform, DataQualityFindings dataQuality, ValidationResultRepository results,
            QuarantineRepository quarantine, MigratorConfig config) {
        this.target = target;
        this.structural = structural;
        this.semantic = semantic;
        this.platform = platform;
        this.dataQuality = dataQuality;
        this.results = results;
        this.quarantine = quarantine;
        this.config = config;
    }

    /** @param asOf the legacy database's "now" for this run: the end of the trailing removal-rate window */
    public ValidationReport validate(long runId, OffsetDateTime asOf) throws SQLException {
        Long[] quarantined = quarantinedLegacyIds();
        List<CheckResult> checks = new ArrayList<>();
        checks.addAll(structural.run(quarantined));
        checks.addAll(semantic.run(quarantined, asOf.minus(config.validation().removalRateWindow()), asOf));
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

    private Long[] quarantinedLegacyIds() throws SQLException {
        try (Connection connection = target.getConnection()) {
            return quarantine.quarantinedLegacyIds(connection).toArray(Long[]::new);
        }
    }
}
