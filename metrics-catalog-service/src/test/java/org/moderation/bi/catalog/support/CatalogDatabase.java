package org.moderation.bi.catalog.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.moderation.bi.testsupport.ScratchDatabase;
import org.moderation.bi.testsupport.ScratchReadModel;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh target database with the read model ({@link ScratchReadModel}), in which the catalog builds its own schema
 * with Flyway at start, as in production; dropped afterwards. The catalog reads the read model as a login role in
 * bi_reader.
 */
public class CatalogDatabase implements QuarkusTestResourceLifecycleManager {

    private static volatile ScratchReadModel database;

    @Override
    public Map<String, String> start() {
        database = ScratchReadModel.create("it_catalog");
        return Map.of("quarkus.datasource.jdbc.url", database.url(), "quarkus.datasource.username", ScratchDatabase.USER,
                "quarkus.datasource.readmodel.jdbc.url", database.url(),
                "quarkus.datasource.readmodel.username", database.reader());
    }

    @Override
    public void stop() {
        database.drop();
    }

    /** A writable connection, as the catalog's owner: for fixtures of the read model and to try the catalog's guards. */
    public static Connection connect() throws SQLException {
        return ScratchDatabase.connect(database.url());
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
