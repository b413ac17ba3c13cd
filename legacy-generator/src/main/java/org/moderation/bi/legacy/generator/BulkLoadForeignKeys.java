package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the legacy foreign keys for the bulk load and re-creates them, with the same names and
 * definitions, before the transaction commits: one validating join per key is far cheaper than a
 * row-locking check per copied row (PostgreSQL's own advice for populating a database).
 */
final class BulkLoadForeignKeys {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String LIST_KEYS = "SELECT conrelid::regclass::text, quote_ident(conname), "
            + "pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid IN "
            + "('communities'::regclass, 'app_users'::regclass, 'posts'::regclass, 'post_reports'::regclass) "
            + "ORDER BY 1, 2";

    private record Key(String table, String name, String definition) {
    }

    private final List<Key> dropped;

    private BulkLoadForeignKeys(List<Key> dropped) {
        this.dropped = dropped;
    }

    /** Drops the keys; when the user may not alter the tables, keeps them and the load is just slower. */
    static BulkLoadForeignKeys suspend(Connection c) throws SQLException {
        List<Key> keys = new ArrayList<>();
        Savepoint savepoint = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(LIST_KEYS)) {
                while (rs.next()) {
                    keys.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            for (Key key : keys) {
                st.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
            }
            c.releaseSavepoint(savepoint);
            return new BulkLoadForeignKeys(keys);
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(savepoint);
            return new BulkLoadForeignKeys(List.of());
        }
    }

    /** Re-creates the keys; this validates every row, so a generator bug cannot slip through. */
    void restore(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (Key key : dropped) {
                st.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name() + " " + key.definition());
            }
        }
    }
}
