package org.moderation.bi.migrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.run.RunKind;

import org.moderation.bi.migrator.load.MigrationRunner;
import org.moderation.bi.migrator.readmodel.ReadModelRefresher;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

/** Each check must fail when the target is made wrong in the way it guards against. */
@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class MigrationValidatorTest {

    /** A live submission with no takedown anywhere. */
    private static final String NOT_REMOVED = """
            (SELECT min(s.legacy_id) FROM submissions s WHERE s.legacy_removed_at IS NULL AND NOT EXISTS
                (SELECT 1 FROM reports r WHERE r.submission_id = s.id AND r.taken_down_at IS NOT NULL))""";

    @Inject
    MigrationRunner runner;

    @Inject
    ReadModelRefresher readModel;

    @Inject
    MigrationValidator validator;

    private long runId;
    private OffsetDateTime asOf;

    @BeforeEach
    void cleanLoad() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        runId = runner.run(RunKind.FULL).runId();
        asOf = OffsetDateTime.parse(TargetDatabase.text(
                "SELECT to_char(window_to AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM migration_runs WHERE id = ?",
                runId));
    }

    @Test
    void aCleanLoadPassesEveryCheck() throws Exception {
        ValidationReport report = validator.validate(runId, asOf);

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).extracting(CheckResult::name).contains("live_row_counts", "orphan_rows",
                "id_mapping_coverage", "complete_bundles", "quarantine", "per_submission_takedown", "removed_total",
                "removed_by_month", "takedown_source_split", "removal_rate_trailing_window",
                "submissions_by_community", "platform_detail_matches_url", "status_removed_without_takedown",
                "legacy_data_quality", "platform_detail_unknown");
    }

    @Test
    void legacyActivityAfterTheRunBeganIsLeftOutAndCounted() throws Exception {
        LegacyFixture.execute("UPDATE posts SET removed_at = now() WHERE id = 21");
        LegacyFixture.execute("INSERT INTO posts (id, status, created_at, updated_at) VALUES (960000, 'new', now(), now())");

        ValidationReport report = validator.validate(runId, asOf);

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).filteredOn(c -> c.name().equals("legacy_changed_since_run_began"))
                .extracting(CheckResult::legacy).containsExactly(2L);
    }

    @Test
    void anInventedTakedownFailsTheRemovalChecksWithBothNumbersSideBySide() throws Exception {
        ValidationReport report = corrupt(
                "UPDATE submissions SET legacy_removed_at = '2022-01-15 00:00:00+00' WHERE legacy_id = " + NOT_REMOVED);

        assertThat(report.failures()).extracting(CheckResult::name).contains("per_submission_takedown",
                "removed_total", "removed_by_month", "takedown_source_split");
        CheckResult total = report.failures().stream().filter(c -> c.name().equals("removed_total")).findFirst()
                .orElseThrow();
        assertThat((Long) total.target()).isEqualTo((Long) total.legacy() + 1);
        assertThat(report.render()).contains("FAILED", "removed_total", "legacy: " + total.legacy(),
                "target: " + total.target());
    }

    @Test
    void showsOnlyTheMonthsThatDiffer() throws Exception {
        ValidationReport report = corrupt(
                "UPDATE submissions SET legacy_removed_at = '2022-01-15 00:00:00+00' WHERE legacy_id = " + NOT_REMOVED);

        assertThat(report.render()).containsPattern("2022-01: legacy \\d+, target \\d+")
                .doesNotContain("2022-02: legacy");
    }

    @Test
    void aTakedownAttributedToTheWrongSourceFailsTheSourceSplit() throws Exception {
        ValidationReport report = corrupt("""
                UPDATE reports SET taken_down_at = NULL WHERE submission_id IN (
                    SELECT s.id FROM submissions s JOIN reports r ON r.submission_id = s.id
                    WHERE s.legacy_removed_at IS NOT NULL AND r.taken_down_at IS NOT NULL LIMIT 1)""");

        assertThat(report.failures()).extracting(CheckResult::name)
                .contains("per_submission_takedown", "takedown_source_split");
    }

    @Test
    void aWrongSubmissionTimeFailsTheRemovalRate() throws Exception {
        ValidationReport report = corrupt("UPDATE submissions SET submitted_at = now() - interval '1 day' "
                + "WHERE legacy_id = " + NOT_REMOVED);

        assertThat(report.failures()).extracting(CheckResult::name).containsExactly("removal_rate_trailing_window");
    }

    @Test
    void aLostCommunityFailsTheCommunityCounts() throws Exception {
        ValidationReport report = corrupt("UPDATE submissions SET community_id = NULL WHERE legacy_id = "
                + "(SELECT min(legacy_id) FROM submissions WHERE community_id IS NOT NULL)");

        assertThat(report.failures()).extracting(CheckResult::name).containsExactly("submissions_by_community");
    }

    @Test
    void aMissingReportFailsTheCounts() throws Exception {
        ValidationReport report = corrupt("DELETE FROM reports WHERE id = (SELECT min(id) FROM reports WHERE taken_down_at IS NULL)");

        assertThat(report.failures()).extracting(CheckResult::name).contains("live_row_counts");
    }

    @Test
    void aLiveReportOfADeletedSubmissionIsAnOrphan() throws Exception {
        ValidationReport report = corrupt("UPDATE submissions SET deleted_at = now() WHERE id = "
                + "(SELECT min(submission_id) FROM reports)");

        assertThat(report.failures()).extracting(CheckResult::name).contains("orphan_rows", "live_row_counts");
    }

    @Test
    void aRowWithoutMappingAndAMappingWithoutRowFailTheCoverage() throws Exception {
        ValidationReport report = corrupt(
                "DELETE FROM id_mappings WHERE entity = 'report' AND legacy_id = (SELECT min(legacy_id) FROM reports)",
                "UPDATE id_mappings SET new_id = new_id + 1000000 WHERE entity = 'user' "
                        + "AND legacy_id = (SELECT min(legacy_id) FROM users)");

        assertThat(report.failures()).extracting(CheckResult::name).containsExactly("id_mapping_coverage");
        assertThat(report.failures().getFirst().message()).contains("reports without mapping=1",
                "user mappings without row=1", "users without mapping=1");
    }

    @Test
    void anIncompleteBundleFails() throws Exception {
        ValidationReport report = corrupt("DELETE FROM legacy_raw WHERE submission_id = (SELECT min(id) FROM submissions)");

        assertThat(report.failures()).extracting(CheckResult::name).containsExactly("complete_bundles");
    }

    @Test
    void aPlatformThatContradictsItsUrlFails() throws Exception {
        ValidationReport report = corrupt("UPDATE submissions SET platform = 'tiktok', platform_detail = 'tiktok' "
                + "WHERE id = (SELECT min(id) FROM submissions WHERE url_host LIKE '%instagram%')");

        assertThat(report.failures()).extracting(CheckResult::name).containsExactly("platform_detail_matches_url");
    }

    private ValidationReport corrupt(String... statements) throws Exception {
        for (String sql : statements) {
            TargetDatabase.execute(sql);
        }
        readModel.refresh(runId);
        return validator.validate(runId, asOf);
    }
}
