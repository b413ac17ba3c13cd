package org.moderation.bi.dashboard.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.flywaydb.core.Flyway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh target database with the read model, built by the migrator's own SQL migrations (the migrator owns the
 * schema; its Java data repair has nothing to do on an empty database), dropped when the tests end. The service
 * connects as a login role in {@code bi_reader}, as in production, so every query path runs with read-only grants.
 */
public class ReadModelDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String SERVER = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = System.getProperty("test.pg.user", "postgres");

    static volatile String url;
    /** The service's database user: may read the read model, nothing more. */
    public static volatile String serviceUser;

    @Override
    public Map<String, String> start() {
        String name = "it_bi_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        serviceUser = name + "_service";
        admin("CREATE DATABASE " + name);
        url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
        Flyway.configure().dataSource(url, USER, null)
                .locations("filesystem:../migrator-service/src/main/resources/db/migration")
                .load().migrate();
        admin("CREATE ROLE " + serviceUser + " LOGIN IN ROLE bi_reader");
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", serviceUser);
    }

    @Override
    public void stop() {
        admin("DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1) + " WITH (FORCE)");
        admin("DROP ROLE IF EXISTS " + serviceUser);
    }

    /** A writable connection for fixtures (the service's own datasource refuses writes). */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USER, null);
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database on " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
