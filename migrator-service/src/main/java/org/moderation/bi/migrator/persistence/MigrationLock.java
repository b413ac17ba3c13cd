package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * One migration at a time across every replica and one-shot job: a session-level PostgreSQL advisory lock on
 * the target database, held on a dedicated connection for the whole run and released when it closes (or when
 * the process dies and the server drops the session).
 */
@ApplicationScoped
public class MigrationLock {

    /** Arbitrary but fixed: 'mig' in ASCII. */
    static final long KEY = 0x6d6967L;

    private final AgroalDataSource target;

    public MigrationLock(AgroalDataSource target) {
        this.target = target;
    }

    public Held acquire() throws SQLException {
        Connection connection = target.getConnection();
        try (var statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, KEY);
            try (var rows = statement.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    throw new RunInProgress();
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new Held(connection);
    }

    public static final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            try (connection; var statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, KEY);
                statement.execute();
            }
        }
    }
}
