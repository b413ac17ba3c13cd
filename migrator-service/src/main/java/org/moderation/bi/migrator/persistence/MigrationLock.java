package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.MigratorConfig;

/**
 * One migration at a time across every replica and one-shot job: a session-level PostgreSQL advisory lock on
 * the target database, held on a dedicated connection for the whole run and released when it closes (or when
 * the process dies and the server drops the session). A run also holds the write lock, which the stream takes for
 * each batch of changes it applies ({@link #awaitWrite}): a batch reads the legacy database and commits in between
 * runs, never during one, so neither ever writes data older than what the other just wrote.
 */
@ApplicationScoped
public class MigrationLock {

    /** Arbitrary but fixed: 'mig' in ASCII. */
    static final long KEY = 0x6d6967L;
    /** 'mgw': the one writer of legacy data into the target (a run, or one batch of the stream). */
    static final long WRITE_KEY = 0x6d6777L;
    /** 'mgs': the one process that consumes the stream. */
    static final long STREAM_KEY = 0x6d6773L;

    /** SQLSTATE lock_not_available: lock_timeout passed. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final AgroalDataSource target;
    private final Duration writeLockWait;

    public MigrationLock(AgroalDataSource target, MigratorConfig config) {
        this.target = target;
        this.writeLockWait = config.stream().writeLockWait();
    }

    /**
     * The run lock at once, then the write lock once the stream's batch in flight has committed.
     *
     * @throws RunInProgress when another run holds the lock, or a batch of the stream held the write lock longer
     *                       than {@code migrator.stream.write-lock-wait}
     */
    public Held acquire() throws SQLException {
        Connection connection = target.getConnection();
        try {
            if (!tryLock(connection, KEY)) {
                throw new RunInProgress();
            }
            try (var wait = connection.createStatement()) {
                wait.execute("SET lock_timeout = " + writeLockWait.toMillis());
            }
            try (var statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                statement.setLong(1, WRITE_KEY);
                statement.execute();
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    unlock(connection, KEY);
                    throw new RunInProgress("the stream's batch in flight held the write lock for more than "
                            + writeLockWait.toSeconds() + " s");
                }
                throw e;
            } finally {
                try (var reset = connection.createStatement()) {
                    reset.execute("RESET lock_timeout");
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new Held(connection);
    }

    /**
     * The stream's lock, held for as long as this process consumes the stream.
     *
     * @return empty when another process holds it
     */
    public Optional<Held> tryStream() throws SQLException {
        Connection connection = target.getConnection();
        try {
            if (!tryLock(connection, STREAM_KEY)) {
                connection.close();
                return Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return Optional.of(new Held(connection));
    }

    /**
     * The write lock on the stream's own connection, for one batch, if no run holds it now.
     *
     * @return whether it was taken; {@link #releaseWrite} gives it back
     */
    public boolean tryWrite(Held stream) throws SQLException {
        return tryLock(stream.connection, WRITE_KEY);
    }

    /**
     * The write lock on the stream's own connection, waiting up to {@code patience} for a run to finish (the server
     * hands it over the moment the run releases it).
     *
     * @return whether it was taken; {@link #releaseWrite} gives it back
     */
    public boolean awaitWrite(Held stream, Duration patience) throws SQLException {
        try (var wait = stream.connection.createStatement()) {
            wait.execute("SET lock_timeout = " + patience.toMillis());
        }
        try (var statement = stream.connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            statement.setLong(1, WRITE_KEY);
            statement.execute();
            return true;
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            try (var reset = stream.connection.createStatement()) {
                reset.execute("RESET lock_timeout");
            }
        }
    }

    public void releaseWrite(Held stream) throws SQLException {
        unlock(stream.connection, WRITE_KEY);
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, long key) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            statement.execute();
        }
    }

    public static final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        /** Whether the session holding the locks is still there: when it is gone, so are they. */
        public boolean valid() throws SQLException {
            return connection.isValid(5);
        }

        @Override
        public void close() throws SQLException {
            try (connection; var statement = connection.createStatement()) {
                // Every advisory lock of the session: a key taken twice would otherwise stay held once.
                statement.execute("SELECT pg_advisory_unlock_all()");
            }
        }
    }
}
