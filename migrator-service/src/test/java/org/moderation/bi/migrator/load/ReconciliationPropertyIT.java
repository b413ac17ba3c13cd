package org.moderation.bi.migrator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.legacy.generator.ActivityDay;
import org.moderation.bi.legacy.generator.GeneratorOptions;
import org.moderation.bi.legacy.generator.LegacyGenerator;
import org.moderation.bi.legacy.generator.LegacySchema;
import org.moderation.bi.migrator.support.PackagedMigrator;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;

/**
 * Property: after every delta, whatever the legacy database went through, the target (every table and the read
 * model) equals a fresh full load of the same legacy state. Random sequences of legacy changes, from a seed (set
 * {@code -Dreconciliation.seed=…} to replay one), run against the packaged migrator as operators run it, with no
 * overlap: every row committed with an updated_at older than the last watermark escapes the delta's fast path.
 */
class ReconciliationPropertyIT {

    private static final int POSTS = 1_500;
    /** Enough steps for two kinds of change each to cover every kind. */
    private static final int STEPS = 6;

    private String legacy;
    private String maintained;
    private final List<String> log = new ArrayList<>();
    private final Set<Integer> drawn = new TreeSet<>();

    /** One kind of legacy change; each is what the legacy README says the data really does. */
    @FunctionalInterface
    private interface Change {
        String apply(Connection legacy, Random random) throws Exception;
    }

    private static final List<Change> CHANGES = List.of(
            (c, r) -> {
                long post = somePost(c, r);
                execute(c, "INSERT INTO post_reports (post_id, channel, reported_at, taken_down_at, updated_at) "
                        + "VALUES (?, 'api', now() - interval '3 days', now() - interval '2 days', "
                        + "now() - interval '2 days')", post);
                return "report with an updated_at two days old on post " + post;
            },
            (c, r) -> {
                long report = someReport(c, r);
                execute(c, "UPDATE post_reports SET taken_down_at = now(), outcome = 'removed' WHERE id = ?", report);
                return "report " + report + " resolved";
            },
            (c, r) -> {
                long post = somePost(c, r);
                execute(c, "UPDATE posts SET status = 'removed', removed_at = now() - interval '1 hour' WHERE id = ?",
                        post);
                return "post " + post + " removed";
            },
            (c, r) -> {
                long post = somePost(c, r);
                // Kept aside, so that a later step can bring it back.
                execute(c, "INSERT INTO graveyard_posts SELECT * FROM posts WHERE id = ?", post);
                execute(c, "INSERT INTO graveyard_reports SELECT * FROM post_reports WHERE post_id = ?", post);
                execute(c, "DELETE FROM posts WHERE id = ?", post);
                return "post " + post + " hard-deleted";
            },
            (c, r) -> {
                Long post = first(c, "SELECT min(id) FROM graveyard_posts");
                if (post == null) {
                    return "nothing deleted yet to bring back";
                }
                execute(c, "INSERT INTO posts SELECT * FROM graveyard_posts WHERE id = ?", post);
                execute(c, "INSERT INTO post_reports SELECT * FROM graveyard_reports WHERE post_id = ?", post);
                execute(c, "DELETE FROM graveyard_posts WHERE id = ?", post);
                execute(c, "DELETE FROM graveyard_reports WHERE post_id = ?", post);
                return "post " + post + ", deleted by an earlier step, back with its old updated_at";
            },
            (c, r) -> {
                long post = somePost(c, r);
                execute(c, "CREATE TEMP TABLE kept AS SELECT * FROM posts WHERE id = ?", post);
                execute(c, "CREATE TEMP TABLE kept_reports AS SELECT * FROM post_reports WHERE post_id = ?", post);
                execute(c, "DELETE FROM posts WHERE id = ?", post);
                execute(c, "INSERT INTO posts SELECT * FROM kept");
                // A restore of older backups: different content, backdated versions.
                execute(c, "UPDATE kept_reports SET taken_down_at = reported_at + interval '1 hour', "
                        + "updated_at = reported_at + interval '1 hour'");
                execute(c, "INSERT INTO post_reports SELECT * FROM kept_reports");
                execute(c, "DROP TABLE kept, kept_reports");
                return "post " + post + " deleted and inserted again with its old updated_at, its reports backdated";
            },
            (c, r) -> {
                long post = somePost(c, r);
                execute(c, "UPDATE posts SET categories = 'skewed_clock' WHERE id = ?", post);
                // A client whose clock is an hour behind, writing its own updated_at on an INSERT-only path.
                execute(c, "INSERT INTO post_reports (post_id, reported_at, updated_at) "
                        + "VALUES (?, now() - interval '1 hour', now() - interval '1 hour')", post);
                return "post " + post + " edited, a report from a clock an hour behind";
            },
            (c, r) -> {
                long report = someReport(c, r);
                long post = somePost(c, r);
                execute(c, "UPDATE post_reports SET post_id = ? WHERE id = ?", post, report);
                return "report " + report + " moved to post " + post;
            });

    @BeforeEach
    void databases() throws Exception {
        legacy = TestDatabases.create("it_legacy");
        maintained = TestDatabases.create("it_target");
        try (Connection connection = TestDatabases.connect(legacy)) {
            LegacySchema.create(connection);
            new LegacyGenerator().generate(connection, new GeneratorOptions(5, POSTS, Instant.now()));
            execute(connection, "CREATE TABLE graveyard_posts AS SELECT * FROM posts WITH NO DATA");
            execute(connection, "CREATE TABLE graveyard_reports AS SELECT * FROM post_reports WITH NO DATA");
        }
    }

    @AfterEach
    void dropDatabases() {
        TestDatabases.drop(legacy);
        TestDatabases.drop(maintained);
    }

    @Test
    void afterEveryDeltaTheTargetEqualsAFreshFullLoadOfTheSameLegacyState() throws Exception {
        assertThat(PackagedMigrator.JAR).as("the packaged migrator (mvn package)").exists();
        long seed = Long.getLong("reconciliation.seed", 20_261_122L);
        var random = new Random(seed);
        assertThat(migrator(maintained, "run", "full")).isZero();

        for (int step = 1; step <= STEPS; step++) {
            try (Connection connection = TestDatabases.connect(legacy);
                 Connection heldOpen = TestDatabases.connect(legacy)) {
                // A transaction that starts now and commits after the next delta began: its updated_at is older
                // than that delta's watermark.
                heldOpen.setAutoCommit(false);
                heldOpen.createStatement().execute("SELECT now()");
                log.add("step " + step + ": " + new ActivityDay().apply(connection, seed + step, Instant.now()));
                // Two kinds in turn, so that the run meets every kind whatever the seed, then one to three at random.
                var kinds = new ArrayList<>(List.of((2 * step - 2) % CHANGES.size(), (2 * step - 1) % CHANGES.size()));
                for (int i = random.nextInt(3); i >= 0; i--) {
                    kinds.add(random.nextInt(CHANGES.size()));
                }
                for (int kind : kinds) {
                    log.add("step " + step + ": " + CHANGES.get(kind).apply(connection, random));
                    drawn.add(kind);
                }
                assertThat(migrator(maintained, "run", "delta")).as("delta exit code").isZero();
                long late = somePost(heldOpen, random);
                execute(heldOpen, "UPDATE posts SET status = 'duplicate' WHERE id = ?", late);
                heldOpen.commit();
                log.add("step " + step + ": post " + late + " updated by a transaction held open past a delta");
            }

            assertThat(migrator(maintained, "run", "delta")).as("delta exit code").isZero();
            String fresh = TestDatabases.create("it_target");
            try {
                assertThat(migrator(fresh, "run", "full")).isZero();
                assertThat(TargetDatabase.liveSnapshot(maintained))
                        .as("seed %d, step %d, after: %s", seed, step, log)
                        .isEqualTo(TargetDatabase.liveSnapshot(fresh));
                assertThat(TestDatabases.text(maintained, """
                        SELECT count(*) FROM ((SELECT * FROM reconciliation_buckets_rule
                                               EXCEPT SELECT * FROM reconciliation_buckets)
                                              UNION ALL (SELECT * FROM reconciliation_buckets
                                                         WHERE (posts, reports, posts_hash, reports_hash) <> (0, 0, 0, 0)
                                                         EXCEPT SELECT * FROM reconciliation_buckets_rule)) AS differing"""))
                        .as("the kept reconciliation buckets against a recount, step %d", step).isEqualTo("0");
            } finally {
                TestDatabases.drop(fresh);
            }
        }
        assertThat(drawn).as("kinds of change the run made").hasSize(CHANGES.size());
    }

    private int migrator(String target, String... command) throws Exception {
        ProcessBuilder builder = PackagedMigrator.process(legacy, target, Path.of("target", "failsafe-reports",
                "reconciliation-property-it-" + target.substring(target.lastIndexOf('/') + 1) + ".log"), command);
        Map<String, String> env = builder.environment();
        env.put("MIGRATOR_DELTA_OVERLAP", "0s");
        env.put("MIGRATOR_CHUNK_SIZE", "200");
        env.put("MIGRATOR_RECONCILIATION_BUCKET_SIZE", "100");
        return builder.start().waitFor();
    }

    private static long somePost(Connection connection, Random random) throws Exception {
        return pick(connection, "SELECT id FROM posts ORDER BY id", random);
    }

    private static long someReport(Connection connection, Random random) throws Exception {
        return pick(connection, "SELECT id FROM post_reports ORDER BY id", random);
    }

    private static long pick(Connection connection, String sql, Random random) throws Exception {
        var ids = new ArrayList<Long>();
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids.get(random.nextInt(ids.size()));
    }

    private static Long first(Connection connection, String sql) throws Exception {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            long value = rows.getLong(1);
            return rows.wasNull() ? null : value;
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws Exception {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }
}
