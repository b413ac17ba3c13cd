package org.moderation.bi.migrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;

import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.readmodel.ReadModelMaintenance;
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
    ReadModelMaintenance readModel;

    @Inject
    MigrationValidator validator;

    @Inject
    @DataSource("legacy")
    AgroalDataSource legacy;

    private long runId;

    @BeforeEach
    void cleanLoad() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        runId = runner.run(RunKind.FULL).runId();
    }

    @Test
    void aCleanLoadPassesEveryCheck() throws Exception {
        ValidationReport report = audit();

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).extracting(CheckResult::name).containsExactlyInAnyOrder("live_row_counts",
                "orphan_rows", "id_mapping_coverage", "complete_bundles", "quarantine", "read_model_facts_match_rule",
                "read_model_search_matches_rule",
                "daily_rollup_matches_facts", "daily_by_community_rollup_matches_facts",
                "daily_total_rollup_matches_facts", "daily_by_platform_rollup_matches_facts",
                "weekly_by_platform_rollup_matches_facts", "monthly_by_platform_rollup_matches_facts",
                "weekly_by_community_rollup_matches_facts", "monthly_by_community_rollup_matches_facts",
                "hourly_rollup_matches_facts", "hourly_total_rollup_matches_facts",
                "quarter_hourly_total_rollup_matches_facts",
                "quarter_hourly_by_community_rollup_matches_facts", "weekly_rollup_matches_facts",
                "monthly_rollup_matches_facts", "daily_by_category_rollup_matches_facts",
                "weekly_by_category_rollup_matches_facts", "monthly_by_category_rollup_matches_facts",
                "daily_by_community_and_category_rollup_matches_facts",
                "weekly_by_community_and_category_rollup_matches_facts",
                "monthly_by_community_and_category_rollup_matches_facts", "daily_by_hashtag_rollup_matches_facts",
                "reconciliation_buckets_match_rows",
                "per_submission_facts",
                "submissions_total", "removed_total", "removed_by_month", "takedown_source_split",
                "removal_rate_trailing_window", "submissions_by_community", "status_removed_without_takedown",
                "platform_detail_matches_url", "platform_detail_unknown", "legacy_data_quality");
    }

    @Test
    void legacyActivityAfterTheSnapshotIsNotComparedWithTheTarget() throws Exception {
        try (var snapshot = LegacySnapshot.open(legacy); var validation = validator.begin(snapshot)) {
            LegacyFixture.execute("UPDATE posts SET removed_at = now() WHERE id = 21");
            LegacyFixture.execute("INSERT INTO posts (id, status, created_at, updated_at) "
                    + "VALUES (960000, 'new', now(), now())");

            assertThat(validation.audit(runId).failures()).isEmpty();
        }
    }

    @Test
    void aReadModelThatDriftedFromItsRuleFailsTheAuditNamingTheSubmission() throws Exception {
        long drifted = TargetDatabase.count("SELECT min(legacy_id) FROM mv_submission_facts WHERE report_count > 0");
        TargetDatabase.execute("UPDATE mv_submission_facts SET report_count = report_count + 1 WHERE legacy_id = ?",
                drifted);

        ValidationReport report = audit();

        assertThat(report.failures()).extracting(CheckResult::name).containsExactly("read_model_facts_match_rule");
        assertThat(report.failures().getFirst().message()).contains("legacy post " + drifted);
    }

    @Test
    void aReadModelRowMissingOrKeptWhereTheRuleHasNoneFailsTheAuditNamingIt() throws Exception {
        long missing = TargetDatabase.count("SELECT min(submission_id) FROM mv_submission_search");
        TargetDatabase.execute("DELETE FROM mv_submission_search WHERE submission_id = ?", missing);
        TargetDatabase.execute("INSERT INTO mv_daily_by_hashtag_rollup SELECT (jsonb_populate_record(r, "
                + "jsonb_build_object('hashtag', 'never-seen'))).* FROM mv_daily_by_hashtag_rollup r LIMIT 1");

        ValidationReport report = audit();

        assertThat(report.failures()).extracting(CheckResult::name).containsExactlyInAnyOrder(
                "read_model_search_matches_rule", "daily_by_hashtag_rollup_matches_facts");
        assertThat(report.failures()).extracting(CheckResult::message).anySatisfy(message -> assertThat(message)
                .contains("1 rows differ", "submission " + missing));
        assertThat(report.failures()).extracting(CheckResult::message).anySatisfy(message -> assertThat(message)
                .contains("1 rows differ", "hashtag never-seen"));
    }

    @Test
    void aKeptTableThatLostItsUniqueIndexFailsTheAuditSayingSo() throws Exception {
        String definition = TargetDatabase.text(
                "SELECT pg_get_indexdef('mv_daily_total_rollup_pk'::regclass)");
        TargetDatabase.execute("DROP INDEX mv_daily_total_rollup_pk");
        try {
            ValidationReport report = audit();

            assertThat(report.failures()).extracting(CheckResult::name)
                    .containsExactly("daily_total_rollup_matches_facts");
            assertThat(report.failures().getFirst().message())
                    .contains("mv_daily_total_rollup has no valid unique index");
        } finally {
            TargetDatabase.execute(definition);
        }
    }

    @Test
    void reconciliationBucketsThatDriftedFromTheRowsFailTheAuditNamingTheIdsAndARebuildRepairsThem() throws Exception {
        long bucket = TargetDatabase.count("SELECT min(bucket) FROM reconciliation_buckets");
        TargetDatabase.execute("UPDATE reconciliation_buckets SET posts_hash = posts_hash + 1 WHERE bucket = ?", bucket);

        ValidationReport report = audit();

        assertThat(report.failures()).extracting(CheckResult::name).containsExactly("reconciliation_buckets_match_rows");
        assertThat(report.failures().getFirst().message()).contains("legacy ids from " + bucket * 100);
        assertThat(TargetDatabase.count("SELECT rebuild_reconciliation_buckets()")).isEqualTo(2);
        assertThat(audit().failures()).isEmpty();
    }

    @Test
    void aRollupThatDriftedFromItsFactsFailsTheAuditAndTheFigures() throws Exception {
        // The figures of all time (in total and by community) are read from the monthly rollup by community; the
        // audit compares every pre-aggregation.
        TargetDatabase.execute("UPDATE mv_monthly_by_community_rollup SET submissions = submissions + 1 WHERE month = "
                + "(SELECT min(month) FROM mv_monthly_by_community_rollup)");
        TargetDatabase.execute("UPDATE mv_daily_rollup SET submissions = submissions + 1 WHERE day = "
                + "(SELECT min(day) FROM mv_daily_rollup)");

        ValidationReport report = audit();

        assertThat(report.failures()).extracting(CheckResult::name)
                .containsExactlyInAnyOrder("monthly_by_community_rollup_matches_facts",
                        "daily_rollup_matches_facts", "submissions_total", "submissions_by_community");
    }

    @Test
    void aRollupSummedFromAFinerOneFailsAloneWhenOnlyItDriftedAndTheFinerOneAloneWhenOnlyThatDid() throws Exception {
        // weekly_by_category is recomputed from weekly_by_community_and_category's recomputed rows, which are summed
        // from daily_by_community_and_category's: an audit comparing a rollup with the one it is summed from as kept
        // would fail the correct ones between them too.
        TargetDatabase.execute("UPDATE mv_weekly_by_category_rollup SET removals = removals + 1 WHERE week = "
                + "(SELECT max(week) FROM mv_weekly_by_category_rollup WHERE category IS NOT NULL) "
                + "AND category IS NOT NULL");
        TargetDatabase.execute("UPDATE mv_daily_by_community_and_category_rollup SET submissions = submissions + 1 "
                + "WHERE day = (SELECT min(day) FROM mv_daily_by_community_and_category_rollup)");

        ValidationReport report = audit();

        assertThat(report.failures()).extracting(CheckResult::name).containsExactlyInAnyOrder(
                "weekly_by_category_rollup_matches_facts", "daily_by_community_and_category_rollup_matches_facts");
        assertThat(report.failures()).extracting(CheckResult::message).anySatisfy(message -> assertThat(message)
                .startsWith("mv_weekly_by_category_rollup equals the facts summed per UTC week and category "
                        + "(recomputed from weekly_by_community_and_category's recomputed rows)"));
        assertThat(TargetDatabase.count("SELECT refresh_submission_facts()")).isPositive();
        assertThat(audit().failures()).isEmpty();
    }

    @Test
    void anInventedTakedownFailsTheRemovalChecksWithBothNumbersSideBySide() throws Exception {
        ValidationReport report = corrupt(
                "UPDATE submissions SET legacy_removed_at = '2022-01-15 00:00:00+00' WHERE legacy_id = " + NOT_REMOVED);

        assertThat(report.failures()).extracting(CheckResult::name).contains("per_submission_facts",
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
                .contains("per_submission_facts", "takedown_source_split");
    }

    @Test
    void aWrongSubmissionTimeFailsTheRemovalRate() throws Exception {
        ValidationReport report = corrupt("UPDATE submissions SET submitted_at = now() - interval '1 day' "
                + "WHERE legacy_id = " + NOT_REMOVED);

        assertThat(report.failures()).extracting(CheckResult::name)
                .containsExactlyInAnyOrder("per_submission_facts", "removal_rate_trailing_window");
    }

    @Test
    void aLostCommunityFailsTheCommunityCounts() throws Exception {
        ValidationReport report = corrupt("UPDATE submissions SET community_id = NULL WHERE legacy_id = "
                + "(SELECT min(legacy_id) FROM submissions WHERE community_id IS NOT NULL)");

        assertThat(report.failures()).extracting(CheckResult::name)
                .containsExactlyInAnyOrder("per_submission_facts", "submissions_by_community");
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

    /** Makes the target wrong and the read model follow it, as a bug in the load path would. */
    private ValidationReport corrupt(String... statements) throws Exception {
        for (String sql : statements) {
            TargetDatabase.execute(sql);
        }
        readModel.rebuild(runId);
        return audit();
    }

    private ValidationReport audit() throws Exception {
        try (var snapshot = LegacySnapshot.open(legacy); var validation = validator.begin(snapshot)) {
            return validation.audit(runId);
        }
    }
}
