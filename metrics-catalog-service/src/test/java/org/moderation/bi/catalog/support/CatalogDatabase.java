package org.moderation.bi.catalog.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.moderation.bi.testsupport.ScratchDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A fresh database for the catalog (which builds its own schema with Flyway at start), dropped afterwards. */
public class CatalogDatabase implements QuarkusTestResourceLifecycleManager {

    private static volatile String url;

    @Override
    public Map<String, String> start() {
        url = ScratchDatabase.create("it_catalog");
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", ScratchDatabase.USER);
    }

    @Override
    public void stop() {
        ScratchDatabase.drop(url);
    }

    public static Connection connect() throws SQLException {
        return ScratchDatabase.connect(url);
    }

    /** Every column of every relation, and every function, in the database: to show nothing was created or dropped. */
    public static List<String> schemaSnapshot() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT n.nspname || '.' || c.relname || '.' || coalesce(a.attname, '') || ':' || c.relkind::text
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                     UNION ALL
                     SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p
                     JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                     ORDER BY 1""")) {
            var snapshot = new ArrayList<String>();
            while (rows.next()) {
                snapshot.add(rows.getString(1));
            }
            return snapshot;
        }
    }
}
