package org.moderation.bi.migrator.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged migrator ({@code target/quarkus-app}) as a process of its own, as Kubernetes runs it, between a legacy
 * and a target database of the tests, its output appended to a log under {@code target/failsafe-reports}. One-shot
 * runs of throw-away databases make no replication slot unless the caller turns streaming on (slot names are the
 * server's, shared by every database on it).
 */
public final class PackagedMigrator {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private PackagedMigrator() {
    }

    /**
     * @param command the migrator's arguments ({@code run full}); none: the service
     * @return the process to start; its environment may take more settings
     */
    public static ProcessBuilder process(String legacy, String target, Path log, String... command) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var arguments = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        arguments.addAll(List.of(command));
        Files.createDirectories(log.getParent());
        var builder = new ProcessBuilder(arguments).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", target);
        env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabases.USER);
        env.put("QUARKUS_DATASOURCE_LEGACY_JDBC_URL", legacy);
        env.put("QUARKUS_DATASOURCE_LEGACY_USERNAME", TestDatabases.USER);
        env.put("MIGRATOR_STREAM_ENABLED", "false");
        return builder;
    }
}
