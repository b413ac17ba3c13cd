package org.moderation.bi.migrator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.moderation.bi.migrator.support.StreamedTransactions.PATIENCE;
import static org.moderation.bi.migrator.support.StreamedTransactions.awaitApplied;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.legacy.generator.ActivityDay;
import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.support.DuringLoad;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.StreamedTransactions;
import org.moderation.bi.migrator.support.StreamingDatabases;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;
import org.moderation.bi.shared.api.migration.StreamView;

/**
 * Legacy changes streamed through logical replication into the target, against a real PostgreSQL with
 * {@code wal_level=logical}: what the stream makes of them equals what a fresh full load of the same legacy state
 * makes, every legacy transaction is applied once, and nothing a full load could miss is lost. No delta runs here:
 * whatever reaches the target after the first full load comes through the stream.
 */
@QuarkusTest
@WithTestResource(StreamingDatabases.class)
class LegacyStreamTest {

    @Inject
    MigrationRunner runner;

    @Inject
    StreamCommands stream;

    @Inject
    DuringLoad duringLoad;

    @BeforeEach
    void aFreshLegacyDatabaseWithoutSlot() throws Exception {
        stream.dropSlot();
        LegacyFixture.regenerate();
        TargetDatabase.reset();
    }

    @Test
    void insertsUpdatesReportChangesHardDeletesAndALargeTransactionStreamAsAFullLoadWouldHaveThem() throws Exception {
        runner.run(RunKind.FULL);
        awaitLive();

        try (Connection legacy = LegacyFixture.connect()) {
            new ActivityDay().apply(legacy, 7, Instant.now());
        }
        // A report-only change: the post's effective takedown moves without the post row changing.
        StreamedTransactions.commit("UPDATE post_reports SET taken_down_at = reported_at + interval '1 hour' "
                + "WHERE id = (SELECT min(id) FROM post_reports WHERE taken_down_at IS NULL)");
        // A report deleted on its own: its record names only the report (its other columns are placeholders).
        long lonely = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                "SELECT max(id) FROM post_reports"));
        StreamedTransactions.commit("DELETE FROM post_reports WHERE id = ?", lonely);
        // A report moved to another post: its record names the new post only.
        long moved = Long.parseLong(TestDatabases.text(LegacyAndTargetDatabases.legacyUrl(),
                "SELECT min(id) FROM post_reports WHERE post_id > 300"));
        StreamedTransactions.commit("UPDATE post_reports SET post_id = 300 WHERE id = ?", moved);
        // One transaction over more posts than a chunk holds (500 in tests): applied in chunks, in order.
        StreamedTransactions.commit("UPDATE posts SET categories = coalesce(categories, '') || ';streamed' "
                + "WHERE id <= 1200");
        StreamedTransactions.commit("DELETE FROM posts WHERE id IN (21, 22, 23)");
        awaitApplied(StreamedTransactions.touch(100));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TargetDatabase.pendingIndexPages())
                .as("what the streamed batches left pending in the GIN indexes, read by every scan").isZero());

        assertThat(TargetDatabase.rows("SELECT DISTINCT kind FROM migration_runs ORDER BY 1"))
                .containsExactly("full", "stream");
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts "
                + "WHERE 'streamed' = ANY (category_codes)")).isEqualTo(TargetDatabase.count(
                "SELECT count(*) FROM submissions WHERE legacy_id <= 1200 AND deleted_at IS NULL"));
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE legacy_id IN (21, 22, 23) "
                + "AND deleted_at IS NOT NULL")).isEqualTo(3);
        assertThat(TargetDatabase.count("SELECT count(*) FROM reports WHERE legacy_id = ? AND deleted_at IS NULL",
                lonely)).isZero();
        assertThat(TargetDatabase.text("SELECT s.legacy_id FROM reports r JOIN submissions s ON s.id = r.submission_id "
                + "WHERE r.legacy_id = ? AND r.deleted_at IS NULL", moved)).isEqualTo("300");
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aChangeCommittedWhileTheFullLoadReadsArrivesThroughTheStream() throws Exception {
        long[] during = new long[1];
        duringLoad.afterNextChunk(() -> during[0] = StreamedTransactions.commit(
                "UPDATE posts SET status = 'removed', removed_at = now() WHERE id = 2"));

        runner.run(RunKind.FULL);
        awaitApplied(StreamedTransactions.touch(5));

        assertThat(during[0]).isPositive();
        assertThat(StreamedTransactions.applied(during[0])).isEqualTo(1);
        assertEqualsAFreshFullLoad();
    }

    @Test
    void aPausedStreamKeepsWhatHappensAndAppliesItOnceResumed() throws Exception {
        runner.run(RunKind.FULL);
        awaitLive();

        stream.pause();
        long whilePaused = StreamedTransactions.commit("UPDATE posts SET hashtags = '#paused' WHERE id = 7");
        await().during(java.time.Duration.ofSeconds(2)).atMost(PATIENCE)
                .until(() -> StreamedTransactions.applied(whilePaused) == 0);
        assertThat(stream.view().status()).isEqualTo("paused");
        assertThat(stream.view().live()).isFalse();

        stream.resume(false);
        awaitApplied(whilePaused);
        awaitLive();
        assertThat(StreamedTransactions.applied(whilePaused)).isEqualTo(1);
        assertThat(TargetDatabase.count("SELECT hashtag_count FROM mv_submission_facts WHERE legacy_id = 7"))
                .isEqualTo(1);
    }

    @Test
    void aRecreatedSlotIsNotCalledLiveUntilAReconciliationRepairedWhatItMissed() throws Exception {
        runner.run(RunKind.FULL);
        awaitLive();

        stream.dropSlot();
        LegacyFixture.execute("UPDATE posts SET categories = 'missed_while_no_slot' WHERE id = 9");
        stream.recreateSlot();
        long after = StreamedTransactions.touch(10);
        awaitApplied(after);

        await().atMost(PATIENCE).until(() -> "catching_up".equals(stream.view().status()));
        StreamView recreated = stream.view();
        assertThat(recreated.live()).isFalse();
        assertThat(recreated.reason()).contains("reconciled");
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts "
                + "WHERE 'missed_while_no_slot' = ANY (category_codes)")).isZero();

        runner.run(RunKind.RECONCILE);

        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts "
                + "WHERE 'missed_while_no_slot' = ANY (category_codes)")).isEqualTo(1);
        awaitLive();
    }

    @Test
    void hardDeletesAboveTheGuardsSharePauseTheStreamUntilAPersonAllowsThem() throws Exception {
        runner.run(RunKind.FULL);
        awaitLive();
        long live = TargetDatabase.count("SELECT count(*) FROM submissions WHERE deleted_at IS NULL");

        long purge = StreamedTransactions.commit("DELETE FROM posts WHERE id % 10 = 0");

        await().atMost(PATIENCE).until(() -> "paused".equals(stream.view().status()));
        StreamView paused = stream.view();
        assertThat(paused.reason()).contains("soft-delete more than").contains("--allow-mass-delete");
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE deleted_at IS NULL")).isEqualTo(live);
        assertThat(StreamedTransactions.applied(purge)).isZero();

        stream.resume(true);
        awaitApplied(purge);
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions WHERE deleted_at IS NULL"))
                .isEqualTo(live - TargetDatabase.count("SELECT count(*) FROM submissions "
                        + "WHERE legacy_id % 10 = 0 AND deleted_at IS NOT NULL"));
        awaitLive();
        assertThat(stream.view().massDeleteAllowed()).isTrue();
        runner.run(RunKind.RECONCILE);
        assertThat(stream.view().massDeleteAllowed()).isFalse();
    }

    private void awaitLive() {
        StreamedTransactions.awaitLive(stream);
    }

    /** The live target as the stream left it equals a full load of the same legacy state into an empty target. */
    private void assertEqualsAFreshFullLoad() throws Exception {
        Map<String, List<String>> streamed = TargetDatabase.liveSnapshot();
        stream.dropSlot();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
        Map<String, List<String>> loaded = TargetDatabase.liveSnapshot();
        for (String table : loaded.keySet()) {
            var onlyStreamed = new ArrayList<>(streamed.get(table));
            onlyStreamed.removeAll(loaded.get(table));
            var onlyLoaded = new ArrayList<>(loaded.get(table));
            onlyLoaded.removeAll(streamed.get(table));
            assertThat(onlyStreamed).as(table + ": rows only the stream left (the full load has %s)", onlyLoaded)
                    .isEmpty();
            assertThat(streamed.get(table)).as(table).isEqualTo(loaded.get(table));
        }
    }
}
