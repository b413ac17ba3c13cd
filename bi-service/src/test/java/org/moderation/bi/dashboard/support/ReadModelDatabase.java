package org.moderation.bi.dashboard.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.flywaydb.core.Flyway;

import org.moderation.bi.testsupport.ScratchDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh target database with the read model, built by the migrator's own SQL migrations (the migrator owns the
 * schema; its Java data repair has nothing to do on an empty database), dropped when the tests end. The service
 * connects as a login role in {@code bi_reader}, as in production, so every query path runs with read-only grants.
 */
public class ReadModelDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String USER = ScratchDatabase.USER;

    static volatile String url;
    /** The service's database user: may read the read model, nothing more. */
    public static volatile String serviceUser;

    @Override
    public Map<String, String> start() {
        url = ScratchDatabase.create("it_bi");
        serviceUser = url.substring(url.lastIndexOf('/') + 1) + "_service";
        Flyway.configure().dataSource(url, USER, null)
                .locations("filesystem:../migrator-service/src/main/resources/db/migration")
                .load().migrate();
        ScratchDatabase.onServer("CREATE ROLE " + serviceUser + " LOGIN IN ROLE bi_reader");
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", serviceUser);
    }

    @Override
    public void stop() {
        ScratchDatabase.drop(url);
        ScratchDatabase.onServer("DROP ROLE IF EXISTS " + serviceUser);
    }

    /** A writable connection for fixtures (the service's own datasource refuses writes). */
    public static Connection connect() throws SQLException {
        return ScratchDatabase.connect(url);
    }
}
