package org.moderation.bi.migrator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.legacy.generator.ActivityDay;
import org.moderation.bi.legacy.generator.ActivitySummary;
import org.moderation.bi.migrator.run.RunInProgress;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;

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
        assertThat(delta.refresh()).isNotNull();
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

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.refresh()).isNotNull();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE community_slug = ?", slug)).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE community_slug = 'renamed-community'"))
                .isPositive();
    }

    @Test
    void twoDeltasTriggeredAtOnceRunOnce() throws Exception {
        runner.run(RunKind.FULL);
        MigrationRunner.StartedRun first = runner.begin(RunKind.DELTA);
        try {
            assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(RunInProgress.class);
        } finally {
            runner.complete(first);
        }

        assertThat(TargetDatabase.count("SELECT count(*) FROM migration_runs WHERE kind = 'delta'")).isEqualTo(1);
    }

    @Test
    void aDeltaThatFindsNothingSkipsTheRefresh() throws Exception {
        runner.run(RunKind.FULL);

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.refresh()).isNull();
        assertThat(delta.validation().passed()).isTrue();
        assertThat(TargetDatabase.count("SELECT count(*) FROM read_model_refreshes")).isEqualTo(1);
    }

    @Test
    void aDeltaBeforeAnyLoadIsRefused() {
        assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(NoCompletedLoad.class)
                .hasMessageContaining("run a full load first");
    }
}
