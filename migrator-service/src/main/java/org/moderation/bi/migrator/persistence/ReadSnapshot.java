package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs reads in one read-only REPEATABLE READ transaction: a consistent snapshot, and cursors that stream. */
public final class ReadSnapshot {

    @FunctionalInterface
    public interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private ReadSnapshot() {
    }

    public static <T> T read(Connection connection, Read<T> read) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            T result = read.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setReadOnly(false);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }
}
