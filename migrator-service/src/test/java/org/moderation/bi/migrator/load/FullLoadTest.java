package org.moderation.bi.migrator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunResult;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.persistence.RunNoLongerCurrent;

import org.moderation.bi.migrator.support.CrashAfterChunks;
import org.moderation.bi.migrator.support.DuringLoad;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;
import org.moderation.bi.migrator.validation.CheckResult;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class FullLoadTest {

    @Inject
    MigrationRunner runner;

    @Inject
    CrashAfterChunks crash;

    @Inject
    DuringLoad duringLoad;

    @BeforeEach
    void freshDatabases() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
    }

    @AfterEach
    void disarm() {
        crash.disarm();
    }

    @Test
    void loadsEveryPostAndPassesValidation() throws Exception {
        RunResult result = runner.run(RunKind.FULL);

        assertThat(result.validation().failures()).isEmpty();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts")).isEqualTo(LegacyFixture.POSTS);
        assertThat(TargetDatabase.text("SELECT status FROM migration_runs WHERE id = ?", result.runId()))
                .isEqualTo("succeeded");
        assertThat(TargetDatabase.count("SELECT count(*) FROM validation_results WHERE run_id = ?", result.runId()))
                .isEqualTo(result.validation().checks().size());
        assertThat(TargetDatabase.count("SELECT version FROM read_model_version"))
                .as("a bulk load into the empty target: the read model built once, at the end").isEqualTo(2);
        assertThat(TargetDatabase.count("SELECT count(*) FROM read_model_rebuilds")).isZero();
    }

    @Test
    void appliesTheBusinessRulesToHandBuiltPosts() throws Exception {
        HandBuiltPosts.insert();

        runner.run(RunKind.FULL);

        Map<Long, List<String>> facts = HandBuiltPosts.factsByLegacyId();
        // Several reports: the earliest report takedown wins and the submission is still one row.
        assertThat(facts.get(HandBuiltPosts.REPORTS_ONLY)).containsExactly(
                "2024-05-02 08:00:00+00", "report_flow", "3", "meta", "facebook");
        // A report takedown beats an earlier posts.removed_at.
        assertThat(facts.get(HandBuiltPosts.BOTH_REMOVED_AT_EARLIER)).containsExactly(
                "2024-05-10 12:00:00+00", "report_flow", "1", "x", "x");
        // Only the legacy column: fallback.
        assertThat(facts.get(HandBuiltPosts.LEGACY_ONLY)).containsExactly(
                "2023-02-01 09:30:00+00", "legacy_fallback", "1", "meta", "instagram");
        // status 'removed' without any timestamp is not a removal.
        assertThat(facts.get(HandBuiltPosts.STATUS_REMOVED_NO_TIMESTAMP)).containsExactly(
                null, null, "0", "tiktok", "tiktok");
        // 'Meta' alone, URL says nothing: meta with unknown detail.
        assertThat(facts.get(HandBuiltPosts.META_TEXT_GARBAGE_URL)).containsExactly(
                null, null, "0", "meta", "unknown");
        assertThat(facts.get(HandBuiltPosts.NOTHING_KNOWN)).containsExactly(null, null, "0", "unknown", "unknown");
        assertThat(TargetDatabase.text("SELECT category_codes::text FROM mv_submission_facts WHERE legacy_id = ?",
                HandBuiltPosts.REPORTS_ONLY)).isEqualTo("{conspiracy,holocaust_denial}");
        assertThat(TargetDatabase.count("SELECT hashtag_count FROM mv_submission_facts WHERE legacy_id = ?",
                HandBuiltPosts.REPORTS_ONLY)).isEqualTo(3);
        assertThat(TargetDatabase.text("SELECT community_slug FROM mv_submission_facts WHERE legacy_id = ?",
                HandBuiltPosts.NOTHING_KNOWN)).isNull();
    }

    @Test
    void aSecondLoadOfTheSameLegacyDataChangesNothing() throws Exception {
        runner.run(RunKind.FULL);
        var first = TargetDatabase.snapshot();
        String mappingsBefore = TargetDatabase.text("SELECT md5(string_agg(entity || legacy_id || ':' || new_id, ',' "
                + "ORDER BY entity, legacy_id)) FROM id_mappings");

        RunResult second = runner.run(RunKind.FULL);

        assertThat(second.validation().passed()).isTrue();
        assertThat(TargetDatabase.snapshot()).isEqualTo(first);
        assertThat(TargetDatabase.text("SELECT md5(string_agg(entity || legacy_id || ':' || new_id, ',' "
                + "ORDER BY entity, legacy_id)) FROM id_mappings")).isEqualTo(mappingsBefore);
    }

    @Test
    void aLoadKilledMidwayAndRestartedEndsWithTheSameTablesAsAnUninterruptedOne() throws Exception {
        runner.run(RunKind.FULL);
        var uninterrupted = TargetDatabase.snapshot();
        TargetDatabase.reset();

        crash.arm(2);
        assertThatThrownBy(() -> runner.run(RunKind.FULL)).isInstanceOf(CrashAfterChunks.SimulatedCrash.class);
        long crashed = TargetDatabase.count("SELECT max(id) FROM migration_runs");
        long checkpoint = TargetDatabase.count("SELECT checkpoint_post_id FROM migration_runs WHERE id = ?", crashed);
        assertThat(checkpoint).isPositive();
        // Writers commit chunks out of order: the checkpoint may lag behind committed chunks, never pass a missing one.
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id <= ?", checkpoint)
                + TargetDatabase.count("SELECT count(*) FROM quarantine WHERE entity = 'submission' AND legacy_id <= ?",
                checkpoint)).isEqualTo(Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                "SELECT count(*) FROM posts WHERE id <= ?", checkpoint)));
        // As if the process had been killed: nothing recorded the end of the run.
        TargetDatabase.execute("UPDATE migration_runs SET status = 'running', finished_at = NULL, error = NULL");

        RunResult resumed = runner.run(RunKind.FULL);

        assertThat(TargetDatabase.text("SELECT status FROM migration_runs WHERE id = ?", crashed)).isEqualTo("failed");
        assertThat(TargetDatabase.count("SELECT resumed_from_run_id FROM migration_runs WHERE id = ?", resumed.runId()))
                .isEqualTo(crashed);
        assertThat(TargetDatabase.text("SELECT window_to::text FROM migration_runs WHERE id = ?", resumed.runId()))
                .as("the watermark of a resumed run is where its chain began, so the next delta misses nothing")
                .isEqualTo(TargetDatabase.text("SELECT window_to::text FROM migration_runs WHERE id = ?", crashed));
        assertThat(TargetDatabase.count("SELECT posts_read FROM migration_runs WHERE id = ?", resumed.runId()))
                .isLessThan(LegacyFixture.POSTS);
        assertThat(resumed.validation().passed()).isTrue();
        assertThat(TargetDatabase.snapshot()).isEqualTo(uninterrupted);
    }

    @Test
    void aHardDeletedPostLeavesTheReadModelWithItsReportsButStaysForAudit() throws Exception {
        runner.run(RunKind.FULL);
        long withReports = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                "SELECT min(post_id) FROM post_reports"));
        long last = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(), "SELECT max(id) FROM posts"));
        LegacyFixture.execute("DELETE FROM posts WHERE id IN (?, ?)", withReports, last);

        RunResult result = runner.run(RunKind.FULL);

        assertThat(result.validation().failures()).isEmpty();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts WHERE legacy_id IN (?, ?)",
                withReports, last)).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id IN (?, ?) "
                + "AND deleted_at IS NOT NULL", withReports, last)).isEqualTo(2);
        assertThat(TargetDatabase.count("""
                SELECT count(*) FROM reports r JOIN submissions s ON s.id = r.submission_id
                WHERE s.legacy_id = ? AND r.deleted_at IS NULL""", withReports)).isZero();
        assertThat(TargetDatabase.count("""
                SELECT count(*) FROM reports r JOIN submissions s ON s.id = r.submission_id
                WHERE s.legacy_id = ? AND r.deleted_at IS NOT NULL""", withReports)).isPositive();
    }

    @Test
    void aMalformedRowIsQuarantinedTheRunGoesOnAndTheNextRunRetriesIt() throws Exception {
        LegacyFixture.execute("UPDATE posts SET analysis = '{\"confidence\": 0.4}' WHERE id = 42");

        RunResult first = runner.run(RunKind.FULL);

        assertThat(TargetDatabase.text("SELECT reason_code FROM quarantine WHERE legacy_id = 42"))
                .isEqualTo("ANALYSIS_UNKNOWN_SHAPE");
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions")).isEqualTo(LegacyFixture.POSTS - 1);
        assertThat(first.validation().failures()).extracting(CheckResult::name).containsExactly("quarantine");

        LegacyFixture.execute("UPDATE posts SET analysis = '{\"score\": 0.4, \"label\": \"other\"}' WHERE id = 42");
        RunResult second = runner.run(RunKind.FULL);

        assertThat(second.validation().passed()).isTrue();
        assertThat(TargetDatabase.count("SELECT count(*) FROM quarantine")).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id = 42")).isEqualTo(1);
    }

    @Test
    void aHashtagTooLongForAnIndexIsKeptWhole() throws Exception {
        LegacyFixture.execute("UPDATE posts SET hashtags = '#' || repeat('Ab', 3000) WHERE id = 5");

        RunResult result = runner.run(RunKind.FULL);

        assertThat(result.validation().passed()).isTrue();
        assertThat(TargetDatabase.count("""
                SELECT length(h.tag) FROM hashtags h JOIN submission_hashtags sh ON sh.hashtag_id = h.id
                JOIN submissions s ON s.id = sh.submission_id WHERE s.legacy_id = 5""")).isEqualTo(6000);
    }

    @Test
    void aPostTheTargetRejectsIsQuarantinedAloneAndTheRestLoads() throws Exception {
        TargetDatabase.execute("ALTER TABLE post_data ADD CONSTRAINT test_rejects_handle "
                + "CHECK (author_handle IS DISTINCT FROM '@rejected-by-target')");
        try {
            LegacyFixture.execute("UPDATE posts SET author_handle = '@rejected-by-target' WHERE id = 1234");

            RunResult result = runner.run(RunKind.FULL);

            assertThat(TargetDatabase.text("SELECT reason_code || ' ' || detail FROM quarantine WHERE legacy_id = 1234"))
                    .startsWith("WRITE_REJECTED SQLSTATE 23514").contains("test_rejects_handle");
            assertThat(TargetDatabase.count("SELECT count(*) FROM quarantine")).isEqualTo(1);
            assertThat(TargetDatabase.count("SELECT count(*) FROM submissions")).isEqualTo(LegacyFixture.POSTS - 1);
            assertThat(result.validation().failures()).extracting(CheckResult::name).containsExactly("quarantine");
        } finally {
            TargetDatabase.execute("ALTER TABLE post_data DROP CONSTRAINT test_rejects_handle");
        }
    }

    @Test
    void aPostByACommunityAndUserCreatedDuringTheLoadKeepsThem() throws Exception {
        duringLoad.afterNextChunk(() -> {
            LegacyFixture.execute("INSERT INTO communities (id, name, slug) VALUES (900, 'Late Community', 'late-community')");
            LegacyFixture.execute("INSERT INTO app_users (id, email, role, community_id) "
                    + "VALUES (9000, 'late@example.org', 'reporter', 900)");
            LegacyFixture.execute("INSERT INTO posts (id, community_id, submitted_by, status, created_at, updated_at) "
                    + "VALUES (950000, 900, 9000, 'new', now(), now())");
        });

        RunResult result = runner.run(RunKind.FULL);

        assertThat(result.validation().failures()).isEmpty();
        assertThat(TargetDatabase.text("""
                SELECT c.slug || ' ' || u.email FROM submissions s JOIN communities c ON c.id = s.community_id
                JOIN users u ON u.id = s.submitted_by WHERE s.legacy_id = 950000""")).isEqualTo("late-community late@example.org");
    }

    @Test
    void aRunThatAnotherProcessTookOverStopsWritingAndKeepsTheirVerdict() throws Exception {
        duringLoad.afterNextChunk(() -> TargetDatabase.execute(
                "UPDATE migration_runs SET status = 'failed', error = 'taken over by another replica'"));

        assertThatThrownBy(() -> runner.run(RunKind.FULL)).isInstanceOf(RunNoLongerCurrent.class);

        assertThat(TargetDatabase.text("SELECT status || ': ' || error FROM migration_runs"))
                .isEqualTo("failed: taken over by another replica");
        // The chunk another writer had in flight may commit before the takeover; nothing after it does, and every
        // post counted as read is a submission in the target.
        long read = TargetDatabase.count("SELECT posts_read FROM migration_runs");
        assertThat(read).isIn(500L, 1000L)
                .isEqualTo(TargetDatabase.count("SELECT count(*) FROM submissions"));
    }

    @Test
    void recordsTheLegacyClockAsTheRunWindow() throws Exception {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);

        RunResult result = runner.run(RunKind.FULL);

        OffsetDateTime windowTo = OffsetDateTime.parse(TargetDatabase.text(
                "SELECT to_char(window_to AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM migration_runs WHERE id = ?",
                result.runId()));
        assertThat(windowTo).isAfter(before);
    }
}
