package org.moderation.bi.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.moderation.bi.legacy.generator.GeneratorOptions;
import org.moderation.bi.legacy.generator.LegacyGenerator;
import org.moderation.bi.legacy.generator.LegacySchema;
import org.moderation.bi.migrator.support.TestDatabases;

/**
 * The README's command, {@code ./migrator} at the repository's root, as a person runs it: it picks a JDK 21+ the way
 * run-local.sh does, refuses a too-old one in one line, and reads the local stack's databases unless the
 * {@code QUARKUS_DATASOURCE_…} variables name others. Runs the packaged jar (so the wrapper has nothing to build).
 */
class MigratorCommandIT {

    private static final Path WRAPPER = Path.of("..", "migrator").toAbsolutePath().normalize();
    private static final Path THIS_JAVA = Path.of(System.getProperty("java.home"));

    @TempDir
    Path jdks;

    /** A JDK 17 as the wrapper sees one (it asks {@code java -version}); nothing to install, whatever this machine has. */
    @TempDir
    Path oldJava;

    private String legacy;
    private String target;

    @AfterEach
    void dropDatabases() {
        if (legacy != null) {
            TestDatabases.drop(legacy);
        }
        if (target != null) {
            TestDatabases.drop(target);
        }
    }

    @BeforeEach
    void aJava17() throws IOException {
        Path java = Files.createDirectories(oldJava.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo 'openjdk version "17.0.15" 2025-04-15' >&2
                echo 'OpenJDK Runtime Environment (build 17.0.15+6)' >&2
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Java 17 as JAVA_HOME and first on the path (before whatever /usr/bin has): the situation of the issue. */
    private Map<String, String> java17Everywhere() {
        return Map.of("JAVA_HOME", oldJava.toString(), "PATH", oldJava.resolve("bin") + ":/usr/bin:/bin");
    }

    @Test
    void aJavaOlderThan21IsAOneLineErrorNotAStackTrace() throws Exception {
        var environment = new HashMap<>(java17Everywhere());
        environment.put("JDK_DIRS", jdks.toString()); // and nowhere a newer one to fall back on
        Result result = migrator(environment, "run", "full");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).isEqualTo("No JDK 21 or newer found (JAVA_HOME=" + oldJava + " is Java 17): "
                + "install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at one.\n");
    }

    @Test
    void withATooOldJavaHomeItPicksANewerJdkAndMigratesTheLocalStacksTargetByDefault() throws Exception {
        target = TestDatabases.create("it_target");
        URI server = URI.create(target.substring("jdbc:".length()));
        Files.createSymbolicLink(jdks.resolve("jdk"), THIS_JAVA);
        // As on a machine whose default Java is too old but which has a JDK 21+ installed.
        var environment = new HashMap<>(java17Everywhere());
        environment.putAll(Map.of("JDK_DIRS", jdks.toString(), "PGHOST", server.getHost(),
                "PGPORT", String.valueOf(server.getPort()), "PGUSER", TestDatabases.USER,
                "TARGET_DB", server.getPath().substring(1)));
        Result result = migrator(environment, "migrate");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("JDK " + jdks.resolve("jdk"), "target schema is up to date")
                .doesNotContain("\tat ");
        assertThat(TestDatabases.text(target, "SELECT max(version::int) FROM flyway_schema_history"))
                .isEqualTo(String.valueOf(latestMigration()));
    }

    /** The highest version among the project's migrations, SQL and Java alike. */
    private static int latestMigration() throws IOException {
        var versions = new ArrayList<Integer>();
        for (Path dir : List.of(Path.of("src/main/resources/db/migration"), Path.of("src/main/java/db/migration"))) {
            try (var files = Files.list(dir)) {
                files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.*"))
                        .forEach(name -> versions.add(Integer.parseInt(name.substring(1, name.indexOf("__")))));
            }
        }
        assertThat(versions).as("migrations found").isNotEmpty();
        return versions.stream().max(Integer::compare).orElseThrow();
    }

    @Test
    void theSixDatasourceVariablesOverrideTheLocalStacksDatabases() throws Exception {
        legacy = TestDatabases.create("it_legacy");
        target = TestDatabases.create("it_target");
        try (Connection connection = TestDatabases.connect(legacy)) {
            LegacySchema.create(connection);
            new LegacyGenerator().generate(connection, new GeneratorOptions(7, 300, Instant.now()));
        }
        Result result = migrator(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", target, "QUARKUS_DATASOURCE_USERNAME", TestDatabases.USER,
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "QUARKUS_DATASOURCE_LEGACY_JDBC_URL", legacy, "QUARKUS_DATASOURCE_LEGACY_USERNAME", TestDatabases.USER,
                "QUARKUS_DATASOURCE_LEGACY_PASSWORD", "",
                // Defaults that would fail: the variables must win.
                "TARGET_DB", "no_such_target", "LEGACY_DB", "no_such_legacy"), "run", "full");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(TestDatabases.text(target, "SELECT status FROM migration_runs")).isEqualTo("succeeded");
        assertThat(TestDatabases.text(target, "SELECT count(*) FROM submissions")).isEqualTo("300");
    }

    /**
     * The AOT cache the build trained (JDK 25+) serves the launcher's way of starting: the JVM refuses to start at all
     * with {@code -XX:AOTMode=on} when it cannot map the cache (another class path, options it was not made for).
     */
    @Test
    void onAJdk25TheCommandLineStartsFromTheCacheItsBuildTrained() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the JDK AOT cache needs a JDK 25");
        assertThat(Path.of("target/command-line/app.aot")).as("the trained cache").exists();
        target = TestDatabases.create("it_target");
        Result result = migrator(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", target, "QUARKUS_DATASOURCE_USERNAME", TestDatabases.USER,
                "JAVA_HOME", THIS_JAVA.toString(),
                "MIGRATOR_JAVA_OPTS", "@" + Path.of("src/main/command-line/jvm.options").toAbsolutePath()
                        + " -XX:AOTMode=on -Xlog:class+path=info"), "migrate");

        assertThat(result.exitCode()).as(result.output()).isZero();
        // Quarkus' log manager and format, not java.util.logging's own.
        assertThat(result.output()).contains("[1] = migrator.jar", "target schema is up to date",
                        "INFO  [io.quarkus] (main)")
                .containsPattern("migrate took \\d+\\.\\d{3} s once the application had started \\(exit code 0\\)");
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the wrapper with these environment variables added to this JVM's, stdout and stderr together. */
    private static Result migrator(Map<String, String> environment, String... arguments) throws IOException,
            InterruptedException {
        var command = new ArrayList<String>(List.of(WRAPPER.toString()));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("./migrator finished").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
