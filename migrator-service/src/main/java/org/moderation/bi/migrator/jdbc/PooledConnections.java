package org.moderation.bi.migrator.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Pooled connections given back as the pool lent them, whichever database they are of. */
public final class PooledConnections {

    private PooledConnections() {
    }

    /**
     * Ends the connection's transaction without keeping anything, undoes what a caller set for it (read-only, an
     * isolation level, autocommit off) and closes it, which returns it to the pool.
     */
    public static void giveBack(Connection connection) throws SQLException {
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setReadOnly(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(true);
        }
    }

    /**
     * {@link #giveBack} on the way out of a failure: the connection goes back whatever happens, and what went wrong
     * resetting it is attached to {@code failure}, which the caller rethrows.
     */
    public static void giveBackAfter(Connection connection, Throwable failure) {
        try {
            giveBack(connection);
        } catch (SQLException notReset) {
            failure.addSuppressed(notReset);
        }
    }
}
