package org.moderation.bi.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.legacy.generator.GeneratorOptions;
import org.moderation.bi.legacy.generator.LegacyGenerator;
import org.moderation.bi.legacy.generator.LegacySchema;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.migrator.support.TestDatabases;
import org.moderation.bi.testsupport.ProcessReadiness;

/**
 * Against the packaged application, as a Kubernetes Job runs it: a full load killed with SIGKILL in the middle of
 * its chunks and started again ends with the same tables as an uninterrupted load.
 */
class MigratorKillIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path LOG = Path.of("target", "failsafe-reports", "migrator-kill-it.log");

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
        assertThat(JAR).as("the packaged migrator (mvn package)").exists();
        Process killed = migrator(interrupted).start();
        // The schema appears when the process has started; the first checkpoint when its first chunk committed.
        // However long a busy machine takes, while the load is alive; one that ended first has nothing to kill.
        ProcessReadiness.awaitReady("the full load committed its first chunk", killed, LOG, () ->
                "true".equals(TestDatabases.text(interrupted, "SELECT (max(checkpoint_post_id) > 0)::text "
                        + "FROM migration_runs")));
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

    private ProcessBuilder migrator(String target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-jar", JAR.toString(), "run", "full")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", target);
        env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabases.USER);
        env.put("QUARKUS_DATASOURCE_LEGACY_JDBC_URL", legacy);
        env.put("QUARKUS_DATASOURCE_LEGACY_USERNAME", TestDatabases.USER);
        env.put("MIGRATOR_CHUNK_SIZE", "500");
        return builder;
    }

    private static File log() throws Exception {
        Files.createDirectories(LOG.getParent());
        return LOG.toFile();
    }
}
