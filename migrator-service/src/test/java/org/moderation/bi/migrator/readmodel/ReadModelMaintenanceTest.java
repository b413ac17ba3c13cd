package org.moderation.bi.migrator.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class ReadModelMaintenanceTest {

    /** What a dashboard reading in one statement sees: live rows, facts, the rollup's sum, and the version. */
    private record Seen(long submissions, long facts, long rolledUp, long version) {
    }

    private static final String DIFFERING_FACTS =
            "SELECT count(*) FROM (SELECT * FROM mv_submission_facts EXCEPT SELECT * FROM submission_facts_rule) d";
    private static final String DIFFERING_BUCKETS = """
            SELECT count(*) FROM (SELECT * FROM reconciliation_buckets WHERE (posts, reports, posts_hash, reports_hash)
                                  <> (0, 0, 0, 0) EXCEPT SELECT * FROM reconciliation_buckets_rule) d""";

    @Inject
    MigrationRunner runner;

    @Inject
    ReadModelMaintenance readModel;

    @BeforeEach
    void freshDatabases() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
    }

    @Test
    void aReaderNeverSeesRowsWithoutTheirFactsWhileALoadWritesChunks() throws Exception {
        TargetDatabase.holdData();
        var loading = new AtomicBoolean(true);
        CompletableFuture<List<Seen>> reader = CompletableFuture.supplyAsync(() -> {
            var seen = new ArrayList<Seen>();
            try (Connection connection = TargetDatabase.connect(); var statement = connection.createStatement()) {
                while (loading.get()) {
                    try (var rows = statement.executeQuery("""
                            SELECT (SELECT count(*) FROM submissions WHERE deleted_at IS NULL),
                                   (SELECT count(*) FROM mv_submission_facts),
                                   (SELECT coalesce(sum(submissions), 0) FROM mv_daily_rollup),
                                   (SELECT version FROM read_model_version)""")) {
                        rows.next();
                        seen.add(new Seen(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
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

        List<Seen> seen = reader.join();
        assertThat(seen).allSatisfy(s -> assertThat(s.facts()).isEqualTo(s.submissions()).isEqualTo(s.rolledUp()));
        assertThat(seen).extracting(Seen::submissions).as("the reader saw the load half-way").anyMatch(n -> n > 0
                && n < LegacyFixture.POSTS);
        assertThat(seen).extracting(Seen::version).isSorted();
    }

    /**
     * A full rebuild holds its locks until it commits: dashboards read the kept rows meanwhile (a reader that waited
     * would hit its statement timeout), and only another writer of the read model waits for it.
     */
    @Test
    void aRebuildInProgressBlocksNoReaderButTheNextWriter() throws Exception {
        runner.run(RunKind.FULL);
        TargetDatabase.execute("UPDATE mv_submission_facts SET report_count = report_count + 1 WHERE legacy_id = 1");
        try (Connection rebuilding = TargetDatabase.connect(); Connection reader = TargetDatabase.connect();
             Connection writer = TargetDatabase.connect()) {
            rebuilding.setAutoCommit(false);
            try (var rebuild = rebuilding.createStatement(); var rows = rebuild.executeQuery(
                    "SELECT refresh_submission_facts()")) {
                rows.next();
                assertThat(rows.getLong(1)).as("rows the rebuild repaired, not committed yet").isPositive();
            }
            try (var read = reader.createStatement()) {
                read.execute("SET statement_timeout = '2s'");
                try (var rows = read.executeQuery("""
                        SELECT (SELECT count(*) FROM mv_submission_facts), (SELECT sum(submissions) FROM mv_daily_rollup),
                               (SELECT report_count FROM mv_submission_facts WHERE legacy_id = 1)""")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(LegacyFixture.POSTS);
                    assertThat(rows.getLong(2)).isEqualTo(LegacyFixture.POSTS);
                    assertThat(rows.getLong(3)).as("the kept row, until the rebuild commits")
                            .isEqualTo(TargetDatabase.count(
                                    "SELECT report_count FROM submission_facts_rule WHERE legacy_id = 1") + 1);
                }
            }
            try (var write = writer.createStatement()) {
                write.execute("SET lock_timeout = '500ms'");
                assertThatThrownBy(() -> write.execute(
                        "SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id = 2))"))
                        .as("a writer waits for the rebuild").hasMessageContaining("lock timeout");
            }
            rebuilding.commit();
        }
        assertThat(TargetDatabase.count("""
                SELECT count(*) FROM (SELECT * FROM mv_submission_facts EXCEPT SELECT * FROM submission_facts_rule) d"""))
                .isZero();
    }

    /**
     * A build rebuilds the search rows and the reconciliation buckets on a second connection, which keeps them only
     * with the rest of the build: when the build fails after they were done (here it runs out of time publishing its
     * new version), they are rolled back with the facts, and the next build writes all of them.
     */
    @Test
    void aBuildThatFailsAfterItsSecondConnectionsWorkKeepsNoneOfIt() throws Exception {
        runner.run(RunKind.FULL);
        TargetDatabase.execute("DELETE FROM mv_submission_search");
        TargetDatabase.execute("UPDATE mv_submission_facts SET report_count = report_count + 1 WHERE legacy_id = 1");
        TargetDatabase.execute("UPDATE reconciliation_buckets SET posts = posts + 1 WHERE bucket = 0");
        try (Connection holder = TargetDatabase.connect(); var hold = holder.createStatement();
             Connection building = TargetDatabase.connect()) {
            holder.setAutoCommit(false);
            hold.execute("LOCK TABLE read_model_partitions IN SHARE MODE");
            building.setAutoCommit(false);
            assertThatThrownBy(() -> readModel.build(building, Duration.ofSeconds(3)))
                    .isInstanceOf(SQLException.class);
            building.rollback();
            holder.rollback();
        }
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_search")).isZero();
        assertThat(TargetDatabase.count(DIFFERING_FACTS)).isOne();
        assertThat(TargetDatabase.count(DIFFERING_BUCKETS)).isOne();

        try (Connection building = TargetDatabase.connect()) {
            building.setAutoCommit(false);
            assertThat(readModel.build(building, Duration.ofMinutes(1)))
                    .as("every search row, the wrong fact out and in, the wrong bucket out and in")
                    .isEqualTo(LegacyFixture.POSTS + 4);
            building.commit();
        }
        assertThat(TargetDatabase.count(DIFFERING_FACTS)).isZero();
        assertThat(TargetDatabase.count(DIFFERING_BUCKETS)).isZero();
        assertThat(TargetDatabase.count("""
                SELECT count(*) FROM ((SELECT * FROM mv_submission_search EXCEPT ALL SELECT * FROM submission_search_rule)
                                      UNION ALL
                                      (SELECT * FROM submission_search_rule EXCEPT ALL SELECT * FROM mv_submission_search)
                                     ) d""")).isZero();
    }

    /** When the second connection fails (it cannot lock the search rows in time), so does the build, keeping nothing. */
    @Test
    void aBuildWhoseSecondConnectionFailsKeepsNoneOfTheFacts() throws Exception {
        runner.run(RunKind.FULL);
        TargetDatabase.execute("UPDATE mv_submission_facts SET report_count = report_count + 1 WHERE legacy_id = 1");
        long version = TargetDatabase.count("SELECT version FROM read_model_version");
        try (Connection holder = TargetDatabase.connect(); var hold = holder.createStatement();
             Connection building = TargetDatabase.connect()) {
            holder.setAutoCommit(false);
            hold.execute("LOCK TABLE mv_submission_search IN ACCESS EXCLUSIVE MODE");
            building.setAutoCommit(false);
            assertThatThrownBy(() -> readModel.build(building, Duration.ofSeconds(3)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("cancel");
            building.rollback();
            holder.rollback();
        }
        assertThat(TargetDatabase.count(DIFFERING_FACTS)).isOne();
        assertThat(TargetDatabase.count("SELECT version FROM read_model_version")).isEqualTo(version);
    }

    /** A manager's quarter hours over a long window are one stretch of pages, not one page per row. */
    @Test
    void aFullLoadWritesTheQuarterHoursByCommunityInCommunityOrder() throws Exception {
        runner.run(RunKind.FULL);

        assertThat(TargetDatabase.count("""
                SELECT count(DISTINCT community_id) FROM mv_quarter_hourly_by_community_rollup""")).isGreaterThan(1);
        assertThat(TargetDatabase.count("""
                SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY ctid) AS stored,
                                             row_number() OVER (ORDER BY community_id, quarter_hour) AS sorted
                                      FROM mv_quarter_hourly_by_community_rollup) r
                WHERE stored <> sorted""")).isZero();
    }

    /**
     * A rebuild passes over the facts for the rollups that nothing finer keeps (every day, hour and quarter hour, days
     * by community and category, days by hashtag) and sums the others from those it rebuilt before them, a rollup by
     * category only from another by category: each still holds exactly its own rule's rows.
     */
    @Test
    void aRebuildSumsCoarserRollupsFromFinerOnesAndEachEqualsItsRule() throws Exception {
        runner.run(RunKind.FULL);
        List<String> rollups = TargetDatabase.rows("SELECT name FROM read_model_rollups ORDER BY name");
        for (String rollup : rollups) {
            // Each one wrong in a bucket, the finest too: what is summed from it must come out right as well.
            TargetDatabase.execute("UPDATE mv_" + rollup + "_rollup SET submissions = submissions + 7 WHERE ctid = "
                    + "(SELECT min(ctid) FROM mv_" + rollup + "_rollup)");
        }

        TargetDatabase.execute("SELECT build_read_model()");

        assertThat(TargetDatabase.rows("""
                SELECT name FROM read_model_rollups r WHERE rollup_rebuild_sql(r) NOT LIKE '%pg_temp.rebuilt_%'
                ORDER BY name""")).as("read from the facts by their rules")
                .containsExactly("daily", "daily_by_community_and_category", "daily_by_hashtag", "hourly",
                        "quarter_hourly_by_community");
        for (String rollup : rollups) {
            String rule = rollup + "_rollup_rule";
            String kept = "SELECT * FROM mv_" + rollup + "_rollup" + (rollup.equals("hourly")
                    ? " WHERE hour >= hourly_rollup_horizon()" : "");
            assertThat(TargetDatabase.count("SELECT count(*) FROM (SELECT * FROM " + rule + " EXCEPT ALL " + kept
                    + ") missing") + TargetDatabase.count("SELECT count(*) FROM (" + kept + " EXCEPT ALL SELECT * FROM "
                    + rule + ") extra")).as(rollup).isZero();
        }
    }

    /**
     * What one fact counts in every rollup: its submission when it was submitted (removed within 14 days or not), and
     * its removal, by its source, when it was taken down; nothing more for a fact never taken down. A source outside
     * the two counts the removal alone; a missing time is an event at no time.
     */
    @Test
    void aFactCountsItsSubmissionAndItsRemovalEachAtItsOwnTime() throws Exception {
        assertThat(TargetDatabase.rows("""
                SELECT n, e.at AT TIME ZONE 'UTC', e.submissions, e.submissions_removed, e.removals,
                       e.removals_report_flow, e.removals_legacy_fallback, e.submissions_removed_14d
                FROM (VALUES (1, '2024-05-01 10:00+00'::timestamptz, NULL::timestamptz, NULL),
                             (2, '2024-05-01 10:00+00', '2024-05-15 10:00+00', 'report_flow'),
                             (3, '2024-05-01 10:00+00', '2024-05-15 10:00:01+00', 'legacy_fallback'),
                             (4, '2024-05-02 10:00+00', '2024-05-01 10:00+00', NULL),
                             (5, NULL, '2024-05-01 10:00+00', 'report_flow')) AS f (n, submitted, taken_down, source),
                     LATERAL submission_fact_events(submitted, taken_down, source) e
                ORDER BY n, e.submissions DESC"""))
                .containsExactly(
                        "1 | 2024-05-01 10:00:00 | 1 | 0 | 0 | 0 | 0 | 0",
                        "2 | 2024-05-01 10:00:00 | 1 | 1 | 0 | 0 | 0 | 1",
                        "2 | 2024-05-15 10:00:00 | 0 | 0 | 1 | 1 | 0 | 0",
                        "3 | 2024-05-01 10:00:00 | 1 | 1 | 0 | 0 | 0 | 0",
                        "3 | 2024-05-15 10:00:01 | 0 | 0 | 1 | 0 | 1 | 0",
                        "4 | 2024-05-02 10:00:00 | 1 | 1 | 0 | 0 | 0 | 1",
                        "4 | 2024-05-01 10:00:00 | 0 | 0 | 1 | null | null | 0",
                        "5 | null | 1 | 1 | 0 | 0 | 0 | 0",
                        "5 | 2024-05-01 10:00:00 | 0 | 0 | 1 | 1 | 0 | 0");
    }

    /** Readers keep what they computed for a community while its months stay unchanged (alert rules, for one). */
    @Test
    void aChangeMarksTheMonthsOfItsOwnCommunityOnly() throws Exception {
        runner.run(RunKind.FULL);
        long before = TargetDatabase.count("SELECT version FROM read_model_version");
        long partitions = TargetDatabase.count("SELECT count(*) FROM read_model_partitions");

        TargetDatabase.execute("""
                UPDATE submissions SET submitted_at = submitted_at - interval '1 second' WHERE legacy_id = 1;
                SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id = 1))""");

        long after = TargetDatabase.count("SELECT version FROM read_model_version");
        assertThat(after).isGreaterThan(before);
        assertThat(TargetDatabase.count("SELECT count(*) FROM read_model_partitions WHERE version = " + after))
                .as("the months of the changed submission's times").isBetween(1L, 3L);
        assertThat(TargetDatabase.count("""
                SELECT count(*) FROM read_model_partitions p
                WHERE p.version = %d AND p.community_id IS DISTINCT FROM
                      (SELECT community_id FROM submissions WHERE legacy_id = 1)""".formatted(after)))
                .as("partitions of other communities marked").isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM read_model_partitions WHERE version < " + after))
                .as("partitions left as they were").isGreaterThan(0).isLessThan(partitions);
    }

    @Test
    void hoursBehindTheHorizonArePruned() throws Exception {
        runner.run(RunKind.FULL);
        TargetDatabase.execute("""
                INSERT INTO mv_hourly_rollup VALUES (hourly_rollup_horizon() - interval '1 hour', NULL, 'x', 'x',
                                                     1, 0, 0, 0, 0, 0)""");
        long kept = TargetDatabase.count("SELECT count(*) FROM mv_hourly_rollup");

        assertThat(readModel.pruneHourly()).isEqualTo(1);

        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_hourly_rollup")).isEqualTo(kept - 1);
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_hourly_rollup WHERE hour < hourly_rollup_horizon()"))
                .isZero();
    }
}
