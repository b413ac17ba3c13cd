package org.moderation.bi.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;

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
 * Against the packaged application, as a Kubernetes Job runs it: a full load killed with SIGKILL in the middle of
 * its chunks, or during the final build of its read model, and started again ends with the same tables, read model
 * and reconciliation buckets as an uninterrupted load.
 */
class MigratorKillIT {

    private static final Path LOG = Path.of("target", "failsafe-reports", "migrator-kill-it.log");

    private static final String KEPT_BUCKETS = """
            SELECT md5(string_agg(bucket || ':' || posts || ':' || posts_hash || ':' || reports || ':' || reports_hash,
                                  ',' ORDER BY bucket))
            FROM reconciliation_buckets WHERE (posts, reports) <> (0, 0)""";

    private String legacy;
    private String interrupted;
    private String uninterrupted;

    @BeforeEach
    void databases() throws Exception {
        legacy = TestDatabases.create("it_legacy");
        interrupted = TestDatabases.create("it_target");
        uninterrupted = TestDatabases.create("it_target");
        try (Connection connection = TestDatabases.connect(legacy)) {
            LegacySchema.create(connection);
            new LegacyGenerator().generate(connection, new GeneratorOptions(11, 30_000, Instant.now()));
        }
    }

    @AfterEach
    void dropDatabases() {
        TestDatabases.drop(legacy);
        TestDatabases.drop(interrupted);
        TestDatabases.drop(uninterrupted);
    }

    @Test
    void aFullLoadKilledMidwayAndRestartedConvergesToTheSameTables() throws Exception {
        Process killed = fullLoadPastItsFirstChunk();
        killed.destroyForcibly();
        assertThat(killed.waitFor()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(TestDatabases.text(interrupted, "SELECT status FROM migration_runs")).isEqualTo("running");

        assertThat(migrator(interrupted).start().waitFor()).isZero();

        assertThat(TestDatabases.text(interrupted, "SELECT status || ': ' || error FROM migration_runs WHERE id = 1"))
                .startsWith("failed: interrupted");
        assertThat(TestDatabases.text(interrupted, "SELECT resumed_from_run_id::text FROM migration_runs WHERE id = 2"))
                .isEqualTo("1");
        assertThat(migrator(uninterrupted).start().waitFor()).isZero();
        assertThat(TargetDatabase.liveSnapshot(interrupted)).isEqualTo(TargetDatabase.liveSnapshot(uninterrupted));
    }

    @Test
    void aFullLoadKilledDuringItsFinalBuildAndRestartedConvergesToTheSameTables() throws Exception {
        Process killed = fullLoadPastItsFirstChunk();
        // The build counts the buckets last: holding them makes it wait there, its facts and rollups written but
        // not committed, and its search rows too, on a second connection waiting to be told to commit. Then the
        // process dies, and its database sessions with it, as in a crash of the machine.
        try (Connection holder = TestDatabases.connect(interrupted); var statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE reconciliation_buckets IN SHARE MODE");
            ProcessReadiness.awaitReady("the final build waits for the buckets", killed, LOG, () ->
                    "true".equals(TestDatabases.text(interrupted, """
                            SELECT (count(*) > 0)::text FROM pg_stat_activity
                            WHERE datname = current_database() AND query LIKE '%rebuild_reconciliation_buckets%'
                              AND wait_event_type = 'Lock'""")));
            killed.destroyForcibly();
            assertThat(killed.waitFor()).as("killed by SIGKILL").isEqualTo(137);
            statement.execute("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()""");
            holder.rollback();
        }
        assertThat(TestDatabases.text(interrupted, "SELECT status || ' ' || bulk || ' ' || "
                + "(read_model_built_at IS NULL) FROM migration_runs")).isEqualTo("running true true");
        assertThat(TestDatabases.text(interrupted, "SELECT count(*)::text FROM mv_submission_facts")).isEqualTo("0");
        assertThat(TestDatabases.text(interrupted, "SELECT count(*)::text FROM mv_submission_search")).isEqualTo("0");

        assertThat(migrator(interrupted).start().waitFor()).isZero();

        assertThat(TestDatabases.text(interrupted, "SELECT resumed_from_run_id || ' ' || bulk FROM migration_runs "
                + "WHERE id = 2")).isEqualTo("1 true");
        assertThat(migrator(uninterrupted).start().waitFor()).isZero();
        assertThat(TargetDatabase.liveSnapshot(interrupted)).isEqualTo(TargetDatabase.liveSnapshot(uninterrupted));
        assertThat(TestDatabases.text(interrupted, KEPT_BUCKETS))
                .isEqualTo(TestDatabases.text(uninterrupted, KEPT_BUCKETS));
    }

    /** A full load into the target to interrupt, once its first chunk committed. */
    private Process fullLoadPastItsFirstChunk() throws Exception {
        assertThat(PackagedMigrator.JAR).as("the packaged migrator (mvn package)").exists();
        Process load = migrator(interrupted).start();
        // The schema appears when the process has started; the first checkpoint when its first chunk committed.
        // However long a busy machine takes, while the load is alive; one that ended first has nothing to kill.
        ProcessReadiness.awaitReady("the full load committed its first chunk", load, LOG, () ->
                "true".equals(TestDatabases.text(interrupted, "SELECT (max(checkpoint_post_id) > 0)::text "
                        + "FROM migration_runs")));
        return load;
    }

    private ProcessBuilder migrator(String target) throws Exception {
        ProcessBuilder builder = PackagedMigrator.process(legacy, target, LOG, "run", "full");
        builder.environment().put("MIGRATOR_CHUNK_SIZE", "500");
        return builder;
    }
}
