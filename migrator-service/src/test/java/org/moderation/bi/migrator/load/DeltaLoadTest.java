package org.moderation.bi.migrator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunResult;
import org.moderation.bi.legacy.generator.ActivityDay;
import org.moderation.bi.legacy.generator.ActivitySummary;
import org.moderation.bi.migrator.persistence.RunInProgress;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;
import org.moderation.bi.migrator.validation.CheckResult;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class DeltaLoadTest {

    @Inject
    MigrationRunner runner;

    @BeforeEach
    void loadedOnce() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
    }

    @Test
    void aDayOfActivityFollowedByADeltaEqualsAFreshFullLoad() throws Exception {
        runner.run(RunKind.FULL);
        ActivitySummary day;
        try (Connection legacy = LegacyFixture.connect()) {
            day = new ActivityDay().apply(legacy, 7, Instant.now());
        }
        assertThat(day.deletedPostIds()).isNotEmpty();
        assertThat(day.insertedPostIds()).isNotEmpty();

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.validation().failures()).isEmpty();
        var afterDelta = TargetDatabase.liveSnapshot();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
        assertThat(afterDelta).isEqualTo(TargetDatabase.liveSnapshot());
    }

    @Test
    void aDeltaRewritesOnlyWhatChanged() throws Exception {
        runner.run(RunKind.FULL);
        LegacyFixture.execute("UPDATE posts SET categories = 'newly_coined' WHERE id IN (11, 12)");

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(TargetDatabase.count("SELECT submissions_written FROM migration_runs WHERE id = ?", delta.runId()))
                .isEqualTo(2);
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE 'newly_coined' = ANY (category_codes)"))
                .isEqualTo(2);
    }

    @Test
    void aRowCommittedLateWithAnOlderUpdatedAtIsCaughtByTheOverlap() throws Exception {
        runner.run(RunKind.FULL);
        try (Connection late = LegacyFixture.connect()) {
            late.setAutoCommit(false);
            // The late transaction starts (and so fixes its now(), which the trigger writes) before the next delta.
            late.createStatement().execute("SELECT now()");
            RunResult first = runner.run(RunKind.DELTA);
            late.createStatement().execute("UPDATE posts SET categories = 'committed_late' WHERE id = 99");
            late.commit();
            String watermark = TargetDatabase.text("SELECT window_to::text FROM migration_runs WHERE id = ?", first.runId());
            assertThat(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                    "SELECT (updated_at < ?::timestamptz)::text FROM posts WHERE id = 99", watermark))
                    .as("the row's updated_at is older than the watermark the next delta starts from")
                    .isEqualTo("true");
        }

        runner.run(RunKind.DELTA);

        assertThat(TargetDatabase.text("SELECT category_codes::text FROM mv_submission_facts WHERE legacy_id = 99"))
                .isEqualTo("{committed_late}");
    }

    @Test
    void hardDeletesDisappearFromTheReadModel() throws Exception {
        runner.run(RunKind.FULL);
        long withReports = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                "SELECT min(post_id) FROM post_reports"));
        long lonelyReport = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                "SELECT max(id) FROM post_reports"));
        LegacyFixture.execute("DELETE FROM posts WHERE id IN (?, 1500)", withReports);
        LegacyFixture.execute("DELETE FROM post_reports WHERE id = ?", lonelyReport);

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.validation().failures()).isEmpty();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE legacy_id IN (?, 1500)",
                withReports)).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id IN (?, 1500) "
                + "AND deleted_at IS NOT NULL", withReports)).isEqualTo(2);
        assertThat(TargetDatabase.text("SELECT (deleted_at IS NOT NULL)::text FROM reports WHERE legacy_id = ?",
                lonelyReport)).isEqualTo("true");
    }

    @Test
    void deletionsAreFoundEvenWhenQuarantinedPostsBalanceThemOut() throws Exception {
        // Quarantined {5, 8} are in legacy only; deleted {4, 9} are in the target only: same count, same sum.
        LegacyFixture.execute("UPDATE posts SET status = 'spam' WHERE id IN (5, 8)");
        runner.run(RunKind.FULL);
        LegacyFixture.execute("DELETE FROM posts WHERE id IN (4, 9)");

        runner.run(RunKind.DELTA);

        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id IN (4, 9) "
                + "AND deleted_at IS NOT NULL")).isEqualTo(2);
    }

    @Test
    void aRenamedCommunityAloneRefreshesTheReadModel() throws Exception {
        runner.run(RunKind.FULL);
        String slug = TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(), "SELECT slug FROM communities WHERE id = 1");
        LegacyFixture.execute("UPDATE communities SET slug = 'renamed-community' WHERE id = 1");

        runner.run(RunKind.DELTA);

        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE community_slug = ?", slug)).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE community_slug = 'renamed-community'"))
                .isPositive();
    }

    @Test
    void twoDeltasTriggeredAtOnceRunOnce() throws Exception {
        runner.run(RunKind.FULL);
        MigrationRunner.StartedRun first = runner.begin(RunKind.DELTA, false);
        try {
            assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(RunInProgress.class);
        } finally {
            runner.complete(first);
        }

        assertThat(TargetDatabase.count("SELECT count(*) FROM migration_runs WHERE kind = 'delta'")).isEqualTo(1);
    }

    @Test
    void aDeltaThatFindsNothingLeavesTheReadModelAsItWas() throws Exception {
        runner.run(RunKind.FULL);
        long version = TargetDatabase.count("SELECT version FROM read_model_version");

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.validation().passed()).isTrue();
        assertThat(delta.reconciliation().bucketsDiffering()).isZero();
        assertThat(TargetDatabase.count("SELECT version FROM read_model_version")).isEqualTo(version);
    }

    @Test
    void aDeltaChecksTheFactsOfWhatItChangedAndTheFiguresOfEverything() throws Exception {
        runner.run(RunKind.FULL);
        LegacyFixture.execute("UPDATE posts SET removed_at = now() WHERE id IN (31, 32, 33)");

        RunResult delta = runner.run(RunKind.DELTA);

        CheckResult perSubmission = delta.validation().checks().stream()
                .filter(c -> c.name().equals("per_submission_facts")).findFirst().orElseThrow();
        assertThat(perSubmission.outcome()).isEqualTo(CheckResult.Outcome.PASSED);
        assertThat(((Map<?, ?>) perSubmission.target()).get("compared")).isEqualTo(3L);
        assertThat(delta.validation().checks()).extracting(CheckResult::name)
                .contains("removed_total", "removal_rate_trailing_window", "submissions_by_community")
                .doesNotContain("read_model_facts_match_rule");
    }

    @Test
    void aTakedownDatedInTheFutureIsNotARemovalYetOnEitherSide() throws Exception {
        runner.run(RunKind.FULL);
        long post = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(), """
                SELECT min(p.id) FROM posts p WHERE p.created_at >= now() - interval '20 days' AND p.removed_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM post_reports r WHERE r.post_id = p.id AND r.taken_down_at IS NOT NULL)"""));
        // A moderator's clock two days ahead.
        LegacyFixture.execute("UPDATE posts SET removed_at = now() + interval '2 days' WHERE id = ?", post);

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.validation().failures()).isEmpty();
        assertThat(TargetDatabase.text("SELECT takedown_source FROM mv_submission_facts WHERE legacy_id = ?", post))
                .isEqualTo("legacy_fallback");
        assertThat(TargetDatabase.count("""
                SELECT sum(submissions_removed) FROM mv_daily_rollup
                WHERE day = (SELECT (submitted_at AT TIME ZONE 'UTC')::date FROM mv_submission_facts WHERE legacy_id = ?)
                """, post) - TargetDatabase.count("""
                SELECT sum(submissions_removed) FROM daily_rollup_now
                WHERE day = (SELECT (submitted_at AT TIME ZONE 'UTC')::date FROM mv_submission_facts WHERE legacy_id = ?)
                """, post)).as("removed by now: not yet").isEqualTo(1);
    }

    @Test
    void aDeltaBeforeAnyLoadIsRefused() {
        assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(NoCompletedLoad.class)
                .hasMessageContaining("run a full load first");
    }
}
