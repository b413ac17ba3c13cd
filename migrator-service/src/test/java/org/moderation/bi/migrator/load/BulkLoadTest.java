package org.moderation.bi.migrator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.run.RunResult;
import org.moderation.bi.migrator.support.CrashAfterChunks;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

/**
 * A full load into an empty target loads in bulk and builds the read model at the end; into a target that holds
 * data it keeps the read model current chunk by chunk. Both end with the same read model and buckets.
 */
@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class BulkLoadTest {

    private static final String KEPT_BUCKETS = """
            SELECT bucket, posts, posts_hash, reports, reports_hash FROM reconciliation_buckets
            WHERE (posts, reports) <> (0, 0) ORDER BY bucket""";

    /** The read model's tables: the facts, every declared rollup, the partitions' versions and the buckets. */
    private static final String READ_MODEL_TABLES = """
            SELECT unnest(ARRAY['mv_submission_facts', 'read_model_partitions', 'reconciliation_buckets']
                          || ARRAY(SELECT relation FROM read_model_rollups))""";

    /** Every index of the read model's tables, as its definition, valid or not. */
    private static final String READ_MODEL_INDEXES = """
            SELECT pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname LIKE 'mv\\_%' ORDER BY 1""";

    @Inject
    MigrationRunner runner;

    @Inject
    CrashAfterChunks crash;

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
    void aBulkBuiltAndAnIncrementallyBuiltReadModelAreEqual() throws Exception {
        List<String> migratedIndexes = TargetDatabase.rows(READ_MODEL_INDEXES);

        RunResult bulk = runner.run(RunKind.FULL);

        assertThat(TargetDatabase.rows(READ_MODEL_INDEXES))
                .as("the indexes the bulk build dropped from its empty tables and built after their rows")
                .isEqualTo(migratedIndexes).hasSizeGreaterThan(40);
        assertThat(TargetDatabase.text("SELECT bulk::text FROM migration_runs WHERE id = ?", bulk.runId()))
                .isEqualTo("true");
        var bulkBuilt = TargetDatabase.liveSnapshot();
        List<String> bulkBuckets = TargetDatabase.rows(KEPT_BUCKETS);
        for (String rollup : TargetDatabase.rows("SELECT relation || ' ' || time_column FROM read_model_rollups")) {
            String[] table = rollup.split(" ");
            List<String> times = TargetDatabase.rows("SELECT " + table[1] + "::text FROM " + table[0]
                    + " ORDER BY ctid");
            assertThat(times).isNotEmpty();
            assertThat(outOfTimeOrder(times))
                    .as("the bulk build writes %s in time order, so a window of buckets sits on few pages", table[0])
                    .isLessThanOrEqualTo(times.size() / 100);
        }
        TargetDatabase.reset();
        TargetDatabase.holdData();

        RunResult incremental = runner.run(RunKind.FULL);

        assertThat(TargetDatabase.text("SELECT bulk::text FROM migration_runs WHERE id = ?", incremental.runId()))
                .as("a target that holds data keeps the incremental path").isEqualTo("false");
        // The audit compares the read model and the buckets with their rules: both pass, and they are the same rows.
        assertThat(bulk.validation().failures()).isEmpty();
        assertThat(incremental.validation().failures()).isEmpty();
        assertThat(TargetDatabase.liveSnapshot()).isEqualTo(bulkBuilt);
        assertThat(TargetDatabase.rows(KEPT_BUCKETS)).isEqualTo(bulkBuckets);
        assertThat(TargetDatabase.count("SELECT version FROM read_model_version"))
                .as("the incremental load moved the read model with its chunks").isGreaterThan(2);
    }

    @Test
    void bothFullLoadsLeaveEveryReadModelTableWithPlannerStatistics() throws Exception {
        for (boolean bulk : List.of(true, false)) {
            TargetDatabase.reset();
            if (!bulk) {
                TargetDatabase.holdData();
            }
            // What an earlier load analyzed must not count: with autovacuum off, only the load itself analyzes.
            TargetDatabase.execute("DELETE FROM pg_statistic WHERE starelid IN (SELECT to_regclass(t) FROM ("
                    + READ_MODEL_TABLES + ") AS tables(t))");

            RunResult run = runner.run(RunKind.FULL);

            assertThat(TargetDatabase.text("SELECT bulk::text FROM migration_runs WHERE id = ?", run.runId()))
                    .isEqualTo(String.valueOf(bulk));
            assertThat(TargetDatabase.rows("SELECT t FROM (" + READ_MODEL_TABLES + ") AS tables(t) WHERE NOT EXISTS "
                    + "(SELECT 1 FROM pg_stats s WHERE s.tablename = t)"))
                    .as("tables a %s full load left without planner statistics", bulk ? "bulk" : "incremental")
                    .isEmpty();
        }
    }

    @Test
    void aRerunWithNothingChangedWritesNothingAndSaysSo() throws Exception {
        RunResult first = runner.run(RunKind.FULL);
        long loaded = first.counts().written();

        RunResult second = runner.run(RunKind.FULL);

        assertThat(second.validation().passed()).isTrue();
        assertThat(second.counts().written()).isZero();
        assertThat(second.counts().unchanged()).isEqualTo(loaded);
        assertThat(second.counts().softDeleted()).isZero();
        assertThat(second.countsLine()).contains("0 written", String.format("%,d unchanged", loaded),
                "0 removed");
        assertThat(TargetDatabase.text("SELECT submissions_written || ' ' || posts_unchanged FROM migration_runs "
                + "WHERE id = ?", second.runId())).isEqualTo("0 " + loaded);
    }

    @Test
    void aRerunRewritesExactlyThePostsThatChangedEvenWithTheirTimestampKept() throws Exception {
        runner.run(RunKind.FULL);
        // A change the legacy trigger did not see: updated_at stays, the content differs.
        LegacyFixture.execute("ALTER TABLE posts DISABLE TRIGGER USER");
        LegacyFixture.execute("UPDATE posts SET content_text = 'changed quietly' WHERE id IN (1, 2)");
        LegacyFixture.execute("ALTER TABLE posts ENABLE TRIGGER USER");

        RunResult rerun = runner.run(RunKind.FULL);

        assertThat(rerun.counts().written()).isEqualTo(2);
        assertThat(TargetDatabase.count("SELECT count(*) FROM post_data p JOIN submissions s ON s.id = p.submission_id "
                + "WHERE p.content_text = 'changed quietly'")).isEqualTo(2);
    }

    @Test
    void aBulkLoadThatDiedBeforeItsBuildIsContinuedInBulkAndNothingElseRunsMeanwhile() throws Exception {
        runner.run(RunKind.FULL);
        var uninterrupted = TargetDatabase.snapshot();
        TargetDatabase.reset();

        crash.arm(2);
        assertThatThrownBy(() -> runner.run(RunKind.FULL)).isInstanceOf(CrashAfterChunks.SimulatedCrash.class);
        long crashed = TargetDatabase.count("SELECT max(id) FROM migration_runs");
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts"))
                .as("a bulk load's rows wait for the final build").isZero();
        // A delta, a reconciliation or an audit now would work on rows that have no read model.
        for (RunKind kind : List.of(RunKind.DELTA, RunKind.RECONCILE, RunKind.AUDIT)) {
            assertThatThrownBy(() -> runner.run(kind)).isInstanceOf(NoCompletedLoad.class)
                    .hasMessageContaining("full run " + crashed);
        }

        RunResult resumed = runner.run(RunKind.FULL);

        assertThat(TargetDatabase.text("SELECT bulk || ' ' || resumed_from_run_id FROM migration_runs WHERE id = ?",
                resumed.runId())).isEqualTo("true " + crashed);
        assertThat(resumed.validation().failures()).isEmpty();
        assertThat(TargetDatabase.snapshot()).isEqualTo(uninterrupted);
        assertThat(runner.run(RunKind.DELTA).validation().passed()).as("deltas run again").isTrue();
    }

    @Test
    void aReaderSeesNoFactsOrAllOfThemWhileABulkLoadWritesChunks() throws Exception {
        var loading = new AtomicBoolean(true);
        CompletableFuture<List<long[]>> reader = CompletableFuture.supplyAsync(() -> {
            var seen = new ArrayList<long[]>();
            try (Connection connection = TargetDatabase.connect(); var statement = connection.createStatement()) {
                while (loading.get()) {
                    try (var rows = statement.executeQuery("""
                            SELECT (SELECT count(*) FROM submissions WHERE deleted_at IS NULL),
                                   (SELECT count(*) FROM mv_submission_facts),
                                   (SELECT coalesce(sum(submissions), 0) FROM mv_daily_rollup)""")) {
                        rows.next();
                        seen.add(new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)});
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return seen;
        });

        try {
            runner.run(RunKind.FULL);
        } finally {
            loading.set(false);
        }

        long facts = TargetDatabase.count("SELECT count(*) FROM mv_submission_facts");
        List<long[]> seen = reader.join();
        assertThat(seen).allSatisfy(s -> {
            assertThat(s[1]).as("facts: none before the build commits, all after").isIn(0L, facts);
            assertThat(s[2]).as("the rollups with them").isEqualTo(s[1]);
        });
        assertThat(seen).as("the reader saw rows without facts half-way through the load")
                .anyMatch(s -> s[0] > 0 && s[0] < facts && s[1] == 0);
    }

    /**
     * How many rows, in the table's physical order, come after a row of a later time. Not 0 after an ordered INSERT:
     * where a row does not fit its page, PostgreSQL's free-space map may put a later, shorter row on an earlier page
     * that has room, a few rows a page (76 of about 3,400 weekly rows in the fixture of 2026-11-26). Rows written in no
     * particular order (a hash aggregate's, before V12) put nearly all of them out of order.
     */
    /**
     * Rows stored before their predecessor's time. Rows of different widths leave room on full pages, which the free
     * space map fills with a later row now and then: a page holds a row of its future, and its neighbours are still in
     * order. Hash order puts about half of the rows before their predecessor.
     */
    private static long outOfTimeOrder(List<String> times) {
        long out = 0;
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i).compareTo(times.get(i - 1)) < 0) {
                out++;
            }
        }
        return out;
    }
}
