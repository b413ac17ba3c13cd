package org.moderation.bi.migrator.load;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.run.RunQueries;
import org.moderation.bi.migrator.run.RunResult;
import org.moderation.bi.migrator.support.DuringLoad;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;
import org.moderation.bi.shared.api.migration.RunView;

/**
 * Changes the updated_at window cannot see, and legacy databases that are not what they should be. Without an
 * overlap, every row committed with an updated_at older than the last watermark escapes the fast path; the
 * reconciliation must find it. Small buckets, so that the legacy ids span many.
 */
@QuarkusTest
@TestProfile(ReconciliationTest.NoOverlap.class)
@WithTestResource(LegacyAndTargetDatabases.class)
class ReconciliationTest {

    public static class NoOverlap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("migrator.delta.overlap", "0s", "migrator.reconciliation.bucket-size", "100");
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    RunQueries runs;

    @Inject
    DuringLoad duringLoad;

    @BeforeEach
    void loadedOnce() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
    }

    @AfterEach
    void dropSavedRows() throws Exception {
        LegacyFixture.execute("DROP TABLE IF EXISTS saved_posts, saved_reports");
    }

    @Test
    void aReportFiledWithAnOldUpdatedAtIsFoundAndCounted() throws Exception {
        LegacyFixture.execute("""
                INSERT INTO post_reports (post_id, reported_at, taken_down_at, updated_at)
                VALUES (40, now() - interval '3 days', now() - interval '2 days', now() - interval '2 days')""");

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.reconciliation().postsStale()).isEqualTo(1);
        assertThat(delta.validation().failures()).isEmpty();
        assertThat(TargetDatabase.text("SELECT takedown_source FROM mv_submission_facts WHERE legacy_id = 40"))
                .isEqualTo("report_flow");
        assertEqualsAFreshFullLoad();
    }

    @Test
    void anUpdateCommittedByATransactionHeldOpenPastTheWatermarkIsFound() throws Exception {
        try (Connection late = LegacyFixture.connect()) {
            late.setAutoCommit(false);
            // The trigger writes the transaction's start time, which is fixed now, before the next delta begins.
            late.createStatement().execute("SELECT now()");
            RunResult first = runner.run(RunKind.DELTA);
            late.createStatement().execute("UPDATE posts SET categories = 'committed_late', removed_at = now() "
                    + "WHERE id = 99");
            late.commit();
            String watermark = TargetDatabase.text("SELECT window_to::text FROM migration_runs WHERE id = ?",
                    first.runId());
            assertThat(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                    "SELECT (updated_at < ?::timestamptz)::text FROM posts WHERE id = 99", watermark))
                    .as("the row's updated_at is older than the watermark the next delta starts from")
                    .isEqualTo("true");
        }

        RunResult second = runner.run(RunKind.DELTA);

        assertThat(second.reconciliation().postsStale()).isEqualTo(1);
        assertThat(TargetDatabase.text("SELECT category_codes::text FROM mv_submission_facts WHERE legacy_id = 99"))
                .isEqualTo("{committed_late}");
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aBulkImportOfBackdatedReportsIsFound() throws Exception {
        LegacyFixture.execute("""
                INSERT INTO post_reports (post_id, channel, reported_at, taken_down_at, updated_at)
                SELECT id, 'api', created_at, created_at + interval '1 day', created_at
                FROM posts WHERE id % 97 = 0""");
        long imported = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                "SELECT count(*) FROM posts WHERE id % 97 = 0"));

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.reconciliation().postsStale()).isEqualTo(imported);
        assertThat(delta.validation().failures()).isEmpty();
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aPostDeletedAndInsertedAgainWithTheSameIdIsRestoredAndTheCountsAddUp() throws Exception {
        LegacyFixture.execute("CREATE TABLE saved_posts AS SELECT * FROM posts WHERE id = 10");
        LegacyFixture.execute("CREATE TABLE saved_reports AS SELECT * FROM post_reports WHERE post_id = 10");
        LegacyFixture.execute("DELETE FROM posts WHERE id = 10");
        RunResult deleted = runner.run(RunKind.DELTA);
        assertThat(deleted.reconciliation().postsGone()).isEqualTo(1);
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE legacy_id = 10")).isZero();
        RunView.Counts deletion = runs.find(deleted.runId()).orElseThrow().counts();
        assertThat(deletion.submissionsSoftDeleted()).isEqualTo(1);
        assertThat(deletion.postsRead()).isEqualTo(deletion.submissionsWritten() + deletion.postsUnchanged()
                + deletion.quarantined() + deletion.submissionsSoftDeleted());

        // Inserted as it was, old updated_at and all: nothing the updated_at window would ever see.
        LegacyFixture.execute("INSERT INTO posts SELECT * FROM saved_posts");
        LegacyFixture.execute("INSERT INTO post_reports SELECT * FROM saved_reports");
        LegacyFixture.execute("UPDATE posts SET status = 'duplicate' WHERE id = 11");
        RunResult restored = runner.run(RunKind.DELTA);

        assertThat(restored.reconciliation().postsBack()).isEqualTo(1);
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE legacy_id = 10")).isEqualTo(1);
        RunView.Counts counts = runs.find(restored.runId()).orElseThrow().counts();
        assertThat(counts.postsRead()).isEqualTo(counts.submissionsWritten() + counts.postsUnchanged()
                + counts.quarantined() + counts.submissionsSoftDeleted());
        assertThat(counts.submissionsRestored()).isEqualTo(1);
        assertThat(counts.submissionsWritten()).isEqualTo(2);
        assertThat(counts.postsTotal()).isGreaterThanOrEqualTo(counts.postsRead());
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aReportMovedToAnotherPostChangesTheFactsOfBoth() throws Exception {
        long report = legacyNumber(
                "SELECT min(id) FROM post_reports WHERE taken_down_at IS NOT NULL");
        long from = legacyNumber(
                "SELECT post_id FROM post_reports WHERE id = ?", report);
        long to = legacyNumber("""
                SELECT min(id) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM post_reports r WHERE r.post_id = p.id)""");
        long fromReports = TargetDatabase.count("SELECT report_count FROM mv_submission_facts WHERE legacy_id = ?", from);
        LegacyFixture.execute("UPDATE post_reports SET post_id = ? WHERE id = ?", to, report);

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.validation().failures()).isEmpty();
        assertThat(TargetDatabase.count("SELECT report_count FROM mv_submission_facts WHERE legacy_id = ?", from))
                .as("the post the report left").isEqualTo(fromReports - 1);
        assertThat(TargetDatabase.text("SELECT takedown_source FROM mv_submission_facts WHERE legacy_id = ?", to))
                .as("the post the report joined").isEqualTo("report_flow");
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aLegacyDatabaseWithoutPostsDeletesNothingAndPointingBackHeals() throws Exception {
        long live = TargetDatabase.count("SELECT count(*) FROM mv_submission_facts");
        long version = TargetDatabase.count("SELECT version FROM read_model_version");
        emptyTheLegacyPosts();

        assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(MassDeletionRefused.class)
                .hasMessageContaining("has no posts at all")
                .hasMessageContaining("'" + legacyDatabaseName() + "'")
                .hasMessageContaining(String.format("%,d of %,d live submissions", live, live))
                .hasMessageContaining("nothing was changed");

        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE deleted_at IS NOT NULL")).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts")).isEqualTo(live);
        assertThat(TargetDatabase.count("SELECT version FROM read_model_version")).isEqualTo(version);
        assertThat(TargetDatabase.text("SELECT status || ' ' || mass_delete_refused FROM migration_runs "
                + "ORDER BY id DESC LIMIT 1")).isEqualTo("failed true");
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'deletion-guard' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'deletion-guard' }.data.refused", containsString("no posts at all"));
        given().get("/q/metrics").then().body(containsString("migrator_mass_delete_refused 1.0"));

        restoreTheLegacyPosts();
        RunResult healed = runner.run(RunKind.DELTA);

        assertThat(healed.validation().failures()).isEmpty();
        assertThat(healed.reconciliation().postsRepaired()).isZero();
        given().get("/q/health/well").then()
                .body("checks.find { it.name == 'deletion-guard' }.status", equalTo("UP"));
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aDeletionAllowedByAnOperatorIsUndoneWhenThePostsComeBack() throws Exception {
        long live = TargetDatabase.count("SELECT count(*) FROM mv_submission_facts");
        emptyTheLegacyPosts();

        RunResult cleanUp = runner.complete(runner.begin(RunKind.DELTA, true));

        assertThat(cleanUp.reconciliation().postsGone()).isEqualTo(live);
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts")).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_daily_rollup")).isZero();

        restoreTheLegacyPosts();
        RunResult back = runner.run(RunKind.DELTA);

        assertThat(back.reconciliation().postsBack()).isEqualTo(live);
        assertThat(back.validation().failures()).isEmpty();
        assertEqualsAFreshFullLoad();
    }

    @Test
    void deletingMoreThanTheGuardsShareIsRefusedUntilAllowed() throws Exception {
        LegacyFixture.execute("DELETE FROM posts WHERE id % 10 = 3");
        long gone = TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id % 10 = 3");

        long version = TargetDatabase.count("SELECT version FROM read_model_version");

        assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(MassDeletionRefused.class)
                .hasMessageContaining("lacks at least %,d of".formatted(gone))
                .hasMessageContaining("more than the 5.0 %").hasMessageContaining("nothing was changed");
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE deleted_at IS NOT NULL")).isZero();
        assertThat(TargetDatabase.count("SELECT version FROM read_model_version")).isEqualTo(version);

        RunResult allowed = runner.complete(runner.begin(RunKind.DELTA, true));

        assertThat(allowed.reconciliation().postsGone()).isEqualTo(gone);
        assertThat(allowed.validation().failures()).isEmpty();
        assertEqualsAFreshFullLoad();
    }

    /**
     * As many posts as were deleted arrive anew, so the legacy database has as many posts as the target has live
     * submissions: only the reconciliation sees what is gone, after the new posts were loaded.
     */
    @Test
    void deletionsOnlyTheReconciliationSeesAreRefusedTooAndNothingIsDeleted() throws Exception {
        LegacyFixture.execute("CREATE TABLE saved_posts AS SELECT * FROM posts WHERE id % 10 = 3");
        LegacyFixture.execute("DELETE FROM posts WHERE id % 10 = 3");
        LegacyFixture.execute("""
                INSERT INTO posts (community_id, submitted_by, url, platform, content_text, author_handle, posted_at,
                                   status, removed_at, categories, hashtags, analysis, extra, created_at, updated_at)
                SELECT community_id, submitted_by, url, platform, content_text, author_handle, posted_at, status,
                       removed_at, categories, hashtags, analysis, extra, created_at, updated_at
                FROM saved_posts""");
        long gone = TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id % 10 = 3");
        long live = TargetDatabase.count("SELECT count(*) FROM submissions");

        // Counted after the fast path loaded the new posts: those are live too.
        assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(MassDeletionRefused.class)
                .hasMessageContaining("lacks %,d of %,d live submissions".formatted(gone, live + gone))
                .hasMessageContaining("nothing was deleted");
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE deleted_at IS NOT NULL")).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions")).as("the new posts, loaded")
                .isEqualTo(live + gone);

        RunResult allowed = runner.complete(runner.begin(RunKind.DELTA, true));

        assertThat(allowed.reconciliation().postsGone()).isEqualTo(gone);
        assertThat(allowed.validation().failures()).isEmpty();
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aLegacyDatabaseThatGoesAwayDuringTheRunDeletesNothing() throws Exception {
        LegacyFixture.execute("DELETE FROM posts WHERE id IN (201, 202)");
        LegacyFixture.execute("""
                INSERT INTO post_reports (post_id, reported_at, updated_at)
                VALUES (300, now() - interval '2 days', now() - interval '2 days')""");
        duringLoad.afterNextChunk(() -> LegacyFixture.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()"""));

        assertThatThrownBy(() -> runner.run(RunKind.RECONCILE)).isNotInstanceOf(MassDeletionRefused.class);

        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id IN (201, 202) "
                + "AND deleted_at IS NULL")).isEqualTo(2);
        assertThat(TargetDatabase.text("SELECT status FROM migration_runs ORDER BY id DESC LIMIT 1")).isEqualTo("failed");

        RunResult next = runner.run(RunKind.RECONCILE);

        assertThat(next.reconciliation().postsGone()).isEqualTo(2);
        assertEqualsAFreshFullLoad();
    }

    private static void emptyTheLegacyPosts() throws Exception {
        LegacyFixture.execute("CREATE TABLE saved_posts AS SELECT * FROM posts");
        LegacyFixture.execute("CREATE TABLE saved_reports AS SELECT * FROM post_reports");
        LegacyFixture.execute("TRUNCATE posts CASCADE");
    }

    private static void restoreTheLegacyPosts() throws Exception {
        LegacyFixture.execute("INSERT INTO posts SELECT * FROM saved_posts");
        LegacyFixture.execute("INSERT INTO post_reports SELECT * FROM saved_reports");
    }

    private static long legacyNumber(String sql, Object... parameters) throws Exception {
        return Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(), sql, parameters));
    }

    private static String legacyDatabaseName() {
        String url = LegacyAndTargetDatabases.legacyUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Every table and the read model hold what a first full load of the same legacy state writes. */
    private void assertEqualsAFreshFullLoad() throws Exception {
        var maintained = TargetDatabase.liveSnapshot();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
        assertThat(maintained).isEqualTo(TargetDatabase.liveSnapshot());
    }
}
