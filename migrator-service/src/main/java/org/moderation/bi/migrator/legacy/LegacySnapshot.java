package org.moderation.bi.migrator.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.jdbc.PooledConnections;
import org.moderation.bi.migrator.jdbc.Snapshots;

/**
 * One read-only REPEATABLE READ transaction on the legacy database: everything read through it is one consistent
 * state, and its cursors stream. A reconciliation and the validation after it read the same snapshot, so the target
 * is compared with exactly the legacy state it was made equal to.
 */
public final class LegacySnapshot implements AutoCloseable {

    @FunctionalInterface
    public interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final OffsetDateTime now;
    private final String database;

    private LegacySnapshot(Connection connection, String sharedSnapshot) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        if (sharedSnapshot != null) {
            Snapshots.adopt(connection, sharedSnapshot);
        }
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT now(), current_database(), inet_server_addr(), inet_server_port()")) {
            rows.next();
            now = rows.getObject(1, OffsetDateTime.class);
            database = "'" + rows.getString(2) + "' on " + (rows.getString(3) == null ? "the local socket"
                    : rows.getString(3).replaceFirst("/\\d+$", "") + ":" + rows.getInt(4));
        }
    }

    public static LegacySnapshot open(AgroalDataSource legacy) throws SQLException {
        return open(legacy, null);
    }

    private static LegacySnapshot open(AgroalDataSource legacy, String sharedSnapshot) throws SQLException {
        Connection connection = legacy.getConnection();
        try {
            return new LegacySnapshot(connection, sharedSnapshot);
        } catch (SQLException | RuntimeException e) {
            PooledConnections.giveBack(connection);
            throw e;
        }
    }

    /**
     * A second connection that sees exactly this snapshot (PostgreSQL's exported snapshots), so that two reads of
     * one legacy state can run at the same time. Valid while this snapshot stays open.
     */
    public LegacySnapshot share(AgroalDataSource legacy) throws SQLException {
        return open(legacy, Snapshots.export(connection));
    }

    /** A read in a snapshot of its own. */
    public static <T> T read(AgroalDataSource legacy, Read<T> read) throws SQLException {
        try (LegacySnapshot snapshot = open(legacy)) {
            return read.apply(snapshot.connection());
        }
    }

    public Connection connection() {
        return connection;
    }

    /** The legacy clock when the snapshot was taken: nothing committed later is in it. */
    public OffsetDateTime now() {
        return now;
    }

    /** Which database this is, for messages an operator acts on (name, host and port; never credentials). */
    public String database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        PooledConnections.giveBack(connection);
    }
}
