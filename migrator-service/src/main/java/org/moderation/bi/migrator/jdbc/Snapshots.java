package org.moderation.bi.migrator.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** PostgreSQL's exported snapshots: a second connection that sees exactly what a first one's transaction sees. */
public final class Snapshots {

    private static final Pattern ID = Pattern.compile("[0-9A-F]+-[0-9A-F]+-[0-9]+");

    private Snapshots() {
    }

    /** The snapshot of the connection's open transaction, for {@link #adopt}; valid while that transaction is open. */
    public static String export(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT pg_export_snapshot()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Makes the connection's REPEATABLE READ transaction, before its first query, see an exported snapshot. */
    public static void adopt(Connection connection, String exported) throws SQLException {
        // A utility statement takes no parameters; the id is PostgreSQL's own, checked to be nothing else.
        if (!ID.matcher(exported).matches()) {
            throw new IllegalStateException("unexpected snapshot id from pg_export_snapshot()");
        }
        try (var statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION SNAPSHOT '" + exported + "'");
        }
    }
}
