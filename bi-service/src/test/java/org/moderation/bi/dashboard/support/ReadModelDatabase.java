package org.moderation.bi.dashboard.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.moderation.bi.testsupport.ScratchDatabase;
import org.moderation.bi.testsupport.ScratchReadModel;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh target database with the read model ({@link ScratchReadModel}), dropped when the tests end. The service
 * connects as its login role in {@code bi_reader}, as in production, so every query path runs with read-only grants.
 */
public class ReadModelDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String USER = ScratchDatabase.USER;

    private static volatile ScratchReadModel database;
    static volatile String url;
    /** The service's database user: may read the read model, nothing more. */
    public static volatile String serviceUser;

    @Override
    public Map<String, String> start() {
        database = ScratchReadModel.create("it_bi");
        url = database.url();
        serviceUser = database.reader();
        // The alert states' schema belongs to bi-service: its datasource may create it, as the Secret's role does.
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", serviceUser,
                "quarkus.datasource.alerts.username", USER);
    }

    @Override
    public void stop() {
        database.drop();
    }

    /**
     * What the migrator says of its stream ({@code stream_state}, as {@code stream_freshness} reads it): {@code status}
     * now, with the backstop polling every 5 minutes.
     */
    public static void streamSays(String status) throws SQLException {
        try (Connection connection = connect(); var statement = connection.prepareStatement("""
                INSERT INTO stream_state (slot_name, status, heartbeat_at, polling_every)
                VALUES ('moderation_migrator', ?, now(), interval '5 minutes')
                ON CONFLICT (singleton) DO UPDATE SET status = EXCLUDED.status, heartbeat_at = now()""")) {
            statement.setString(1, status);
            statement.execute();
        }
    }

    /** Runs SQL as a fixture does (the service's own datasource refuses writes). */
    public static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * As the migrator writes a chunk: a new submission (community 2) at {@code submittedAt}, its facts and a new
     * version in one transaction. Returns that version.
     */
    public static long chunk(int legacyId, String submittedAt) throws SQLException {
        execute("""
                BEGIN;
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_updated_at, last_run_id)
                VALUES (%d, 2, 'x', 'x', 'url_host', 'new', '%s', now(), 1);
                SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id = %d));
                COMMIT;""".formatted(legacyId, submittedAt, legacyId));
        try (Connection connection = connect(); var sql = connection.createStatement();
             var rows = sql.executeQuery("SELECT version FROM read_model_version")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A writable connection for fixtures (the service's own datasource refuses writes). */
    public static Connection connect() throws SQLException {
        return ScratchDatabase.connect(url);
    }

    /**
     * Every relation and column, the row count of each table the fixture fills, and the server's roles: to show
     * nothing changed.
     */
    public static java.util.List<String> schemaAndCounts() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT n.nspname || '.' || c.relname || '.' || coalesce(a.attname, '') || ':' || c.relkind::text
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                     UNION ALL SELECT 'rows submissions ' || count(*) FROM submissions
                     UNION ALL SELECT 'rows communities ' || count(*) FROM communities
                     UNION ALL SELECT 'rows reports ' || count(*) FROM reports
                     UNION ALL SELECT 'rows facts ' || count(*) FROM mv_submission_facts
                     UNION ALL SELECT 'role ' || rolname FROM pg_roles
                     -- Other scratch databases' readers, of test runs beside this one on the same server.
                     WHERE rolname NOT LIKE 'it\\_%\\_reader'
                     ORDER BY 1""")) {
            var snapshot = new java.util.ArrayList<String>();
            while (rows.next()) {
                snapshot.add(rows.getString(1));
            }
            return snapshot;
        }
    }
}
