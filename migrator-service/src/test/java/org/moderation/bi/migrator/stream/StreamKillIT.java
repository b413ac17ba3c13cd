package org.moderation.bi.migrator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.legacy.generator.GeneratorOptions;
import org.moderation.bi.legacy.generator.LegacyGenerator;
import org.moderation.bi.legacy.generator.LegacySchema;
import org.moderation.bi.migrator.support.PackagedMigrator;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;
import org.moderation.bi.testsupport.ProcessReadiness;

/**
 * Against the packaged service, as Kubernetes runs it: while moderators keep changing the legacy database (posts and
 * reports inserted, edited, deleted; a transaction over many posts now and then), the streaming migrator is killed
 * with SIGKILL at random moments and started again. In the end every legacy transaction was applied exactly once,
 * and the target equals a fresh full load of the same legacy state.
 */
class StreamKillIT {

    private static final Path LOG = Path.of("target", "failsafe-reports", "stream-kill-it.log");
    private static final int KILLS = 8;

    private String legacy;
    private String streamed;
    private String loaded;
    private String slot;
    /** The streaming migrator last started. */
    private Process running;

    @BeforeEach
    void databases() throws Exception {
        legacy = TestDatabases.create("it_legacy");
        streamed = TestDatabases.create("it_target");
        loaded = TestDatabases.create("it_target");
        slot = legacy.substring(legacy.lastIndexOf('/') + 1);
        try (Connection connection = TestDatabases.connect(legacy)) {
            LegacySchema.create(connection);
            new LegacyGenerator().generate(connection, new GeneratorOptions(17, 5_000, Instant.now()));
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        // A failed run leaves its stream running: stopped, and its slot dropped, or both would keep the server's WAL.
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor();
        }
        TestDatabases.execute(legacy, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                + "WHERE slot_name = ? AND NOT active", slot);
        TestDatabases.drop(legacy);
        TestDatabases.drop(streamed);
        TestDatabases.drop(loaded);
    }

    @Test
    void killedAtRandomMomentsWhileStreamingItAppliesEveryChangeOnceAndEndsAsAFullLoadWould() throws Exception {
        assertThat(PackagedMigrator.JAR).as("the packaged migrator (mvn package)").exists();
        assertThat(migrator(streamed, true, "run", "full").start().waitFor()).isZero();
        assertThat(TestDatabases.text(streamed, "SELECT commit_lsn IS NOT NULL FROM stream_state"))
                .as("the full load created the slot before it read").isEqualTo("t");

        var random = new Random(20261126);
        var committed = new ArrayList<Long>();
        var stop = new AtomicBoolean();
        var failure = new AtomicReference<Throwable>();
        Thread moderators = new Thread(() -> {
            try (Connection connection = TestDatabases.connect(legacy)) {
                var changes = new Random(7);
                while (!stop.get()) {
                    Long txId = change(connection, changes);
                    if (txId != null) {
                        synchronized (committed) {
                            committed.add(txId);
                        }
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "moderators");
        moderators.start();

        Process service = streaming();
        for (int kill = 0; kill < KILLS; kill++) {
            long appliedBefore = applied();
            ProcessReadiness.awaitReady("the stream applies again after start " + kill, service, LOG,
                    () -> applied() > appliedBefore);
            Thread.sleep(random.nextInt(2_500));
            service.destroyForcibly();
            assertThat(service.waitFor()).as("killed by SIGKILL").isEqualTo(137);
            service = streaming();
        }
        stop.set(true);
        moderators.join();
        assertThat(failure.get()).as("the moderators' changes").isNull();
        long last;
        try (Connection connection = TestDatabases.connect(legacy)) {
            Long changed = null;
            for (var lastChanges = new Random(1); changed == null; ) {
                changed = change(connection, lastChanges);
            }
            last = changed;
        }
        Process finalService = service;
        ProcessReadiness.awaitReady("the stream applied the last change", finalService, LOG,
                () -> appliedTimes(last) == 1);
        finalService.destroy();
        finalService.waitFor();

        assertThat(committed).hasSizeGreaterThan(KILLS * 10);
        assertThat(notAppliedOnce(committed)).as("legacy transactions not applied exactly once").isEmpty();
        assertThat(TestDatabases.text(streamed, "SELECT count(*) FROM migration_runs WHERE kind <> 'stream'"))
                .as("no run but the first full load wrote to the target").isEqualTo("1");

        assertThat(migrator(loaded, false, "run", "full").start().waitFor()).isZero();
        Map<String, List<String>> fresh = TargetDatabase.liveSnapshot(loaded);
        Map<String, List<String>> afterKills = TargetDatabase.liveSnapshot(streamed);
        for (String table : fresh.keySet()) {
            assertThat(afterKills.get(table)).as(table).isEqualTo(fresh.get(table));
        }
    }

    /**
     * One moderator's transaction on the legacy database.
     *
     * @return its transaction id as the stream reports it; null when it changed no row (the stream carries nothing)
     */
    private static Long change(Connection connection, Random random) throws SQLException {
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            long post = 1 + random.nextInt(5_000);
            int rows = switch (random.nextInt(10)) {
                case 0, 1, 2 -> statement.executeUpdate("UPDATE posts SET categories = 'kill_" + random.nextInt(20)
                        + "', status = 'reported' WHERE id = " + post);
                case 3 -> statement.executeUpdate("INSERT INTO posts (community_id, submitted_by, url, platform, status, "
                        + "categories, hashtags, created_at, updated_at) SELECT community_id, submitted_by, url, "
                        + "platform, 'new', 'kill_new', '#killed', now(), now() FROM posts WHERE id = "
                        + "(SELECT min(id) FROM posts)");
                case 4 -> statement.executeUpdate("INSERT INTO post_reports (post_id, channel, reported_at, updated_at) "
                        + "SELECT id, 'email', now(), now() FROM posts WHERE id = " + post);
                case 5 -> statement.executeUpdate("UPDATE post_reports SET taken_down_at = now(), outcome = 'removed' "
                        + "WHERE id = (SELECT max(id) FROM post_reports WHERE post_id <= " + post + ")");
                case 6 -> statement.executeUpdate("DELETE FROM post_reports WHERE id = (SELECT min(id) FROM post_reports "
                        + "WHERE post_id >= " + post + ")");
                case 7 -> statement.executeUpdate("DELETE FROM posts WHERE id = " + post + " AND id % 7 = 0");
                case 8 -> statement.executeUpdate("UPDATE posts SET hashtags = '#bulk" + random.nextInt(5)
                        + "' WHERE id BETWEEN " + post + " AND " + (post + 700));
                default -> statement.executeUpdate("UPDATE posts SET removed_at = now() WHERE id = " + post);
            };
            long txId;
            try (var result = statement.executeQuery("SELECT txid_current() % 4294967296")) {
                result.next();
                txId = result.getLong(1);
            }
            connection.commit();
            return rows > 0 ? txId : null;
        }
    }

    /** Those of the transactions that the target did not record as applied exactly once, with how often it did. */
    private List<String> notAppliedOnce(List<Long> transactions) throws SQLException {
        try (Connection connection = TestDatabases.connect(streamed); var statement = connection.prepareStatement("""
                SELECT t.txid || ' applied ' || count(a.legacy_txid) || ' times'
                FROM unnest(?::bigint[]) AS t(txid) LEFT JOIN stream_applied_transactions a ON a.legacy_txid = t.txid
                GROUP BY t.txid HAVING count(a.legacy_txid) <> 1""")) {
            statement.setArray(1, connection.createArrayOf("int8", transactions.toArray()));
            var found = new ArrayList<String>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    private Process streaming() throws Exception {
        running = migrator(streamed, true).start();
        return running;
    }

    private long applied() throws SQLException {
        return Long.parseLong(TestDatabases.text(streamed, "SELECT count(*) FROM stream_applied_transactions"));
    }

    private long appliedTimes(long txId) throws SQLException {
        return Long.parseLong(TestDatabases.text(streamed,
                "SELECT count(*) FROM stream_applied_transactions WHERE legacy_txid = ?", txId));
    }

    private ProcessBuilder migrator(String target, boolean stream, String... command) throws Exception {
        ProcessBuilder builder = PackagedMigrator.process(legacy, target, LOG, command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_OIDC_TENANT_ENABLED", "false");
        env.put("MIGRATOR_CHUNK_SIZE", "500");
        env.put("MIGRATOR_DELTA_CRON", "off");
        env.put("MIGRATOR_AUDIT_CRON", "off");
        env.put("MIGRATOR_STREAM_ENABLED", Boolean.toString(stream));
        env.put("MIGRATOR_STREAM_SLOT", slot);
        env.put("MIGRATOR_STREAM_PUBLICATION", slot);
        env.put("MIGRATOR_STREAM_RETRY_EVERY", "1s");
        // The moderators delete reports often for the few there are; the guard is LegacyStreamTest's subject.
        env.put("MIGRATOR_DELETION_GUARD_MAX_SHARE", "0.5");
        return builder;
    }
}
