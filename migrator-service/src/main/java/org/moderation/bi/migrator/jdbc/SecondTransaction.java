package org.moderation.bi.migrator.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.postgresql.PGConnection;

/**
 * Work on a second pooled connection beside a first connection's transaction, in a REPEATABLE READ transaction that
 * adopts the first one's exported snapshot (both read the same rows) and commits only when the first one says so:
 * {@link #commit} once the first transaction's own work is done, {@link #abandon} if it failed, which also cancels
 * the work if it still runs. Either way, the second connection is given back before the call returns.
 *
 * @param <T> what the work returns
 */
public final class SecondTransaction<T> {

    private static final long CANCEL_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What runs on the second connection, inside its transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final CompletableFuture<Boolean> decision = new CompletableFuture<>();
    private final CompletableFuture<Void> finished;
    private final Duration timeout;
    /** Held while the work's connection is set or cleared and while a cancel is sent to it. */
    private final Object cancelling = new Object();
    private PGConnection working;

    private SecondTransaction(ManagedExecutor executor, DataSource dataSource, String snapshot, Work<T> work,
            Duration timeout) {
        this.timeout = timeout;
        this.finished = executor.runAsync(() -> {
            try {
                run(dataSource, snapshot, work);
            } catch (SQLException e) {
                result.completeExceptionally(e);
                throw new CompletionException(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
            }
        });
    }

    /**
     * Starts {@code work} on a second connection seeing {@code snapshot} ({@link Snapshots#export}); waiting for it
     * and for the first transaction's decision are each bounded by {@code timeout}, and so must its statements be.
     */
    public static <T> SecondTransaction<T> start(ManagedExecutor executor, DataSource dataSource, String snapshot,
            Work<T> work, Duration timeout) {
        return new SecondTransaction<>(executor, dataSource, snapshot, work, timeout);
    }

    /** What the work returned, its transaction still open; its failure as it was thrown. */
    public T result() throws SQLException {
        return awaited(result, timeout);
    }

    /** Commits the second transaction and waits for it. */
    public void commit() throws SQLException {
        decision.complete(true);
        awaited(finished, timeout);
    }

    /**
     * Cancels the work's statement if it still runs and rolls the second transaction back; what went wrong there is
     * added to {@code cause}, the first transaction's failure. A cancel that reaches the connection between two of the
     * work's statements is dropped by PostgreSQL, so it is sent again each second until the work has ended.
     */
    public void abandon(Throwable cause) {
        decision.complete(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                cancelWork();
                long left = deadline - System.nanoTime();
                if (ended(Math.min(CANCEL_AGAIN_NANOS, left))) {
                    break;
                }
                if (left <= CANCEL_AGAIN_NANOS) {
                    throw new SQLException("the second transaction did not end within " + timeout, "57014");
                }
            }
            awaited(finished, timeout);
        } catch (SQLException | RuntimeException e) {
            if (e != cause) {  // the first transaction may have failed on this very failure (from result())
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Under the lock the worker takes to clear its connection: the driver returns once the server has signalled the
     * backend, so no cancel reaches the connection after the work (its rollback, or its next borrower).
     */
    private void cancelWork() throws SQLException {
        synchronized (cancelling) {
            if (working != null) {
                working.cancelQuery();
            }
        }
    }

    /** Whether the worker has ended (given its connection back), waiting at most {@code nanos}. */
    private boolean ended(long nanos) {
        try {
            finished.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void run(DataSource dataSource, String snapshot, Work<T> work) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Snapshots.adopt(connection, snapshot);
            synchronized (cancelling) {
                if (decision.isDone()) {
                    throw new SQLException("abandoned before it began", "57014");
                }
                working = connection.unwrap(PGConnection.class);
            }
            try {
                result.complete(work.on(connection));
            } finally {
                synchronized (cancelling) {
                    working = null;
                }
            }
            if (awaitDecision()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            PooledConnections.giveBackAfter(connection, e);
            throw e;
        }
        PooledConnections.giveBack(connection);
    }

    /** The first transaction's decision; a failure when it said nothing in time (the work is rolled back). */
    private boolean awaitDecision() throws SQLException {
        try {
            return decision.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SQLException("the first transaction did not say within " + timeout + " whether to commit",
                    "57014", e);
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting to be told whether to commit", "57014", e);
        }
    }

    private static <R> R awaited(CompletableFuture<R> future, Duration timeout) throws SQLException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the second transaction failed", cause);
        } catch (TimeoutException e) {
            throw new SQLException("the second transaction did not finish within " + timeout, "57014", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for the second transaction", "57014", e);
        }
    }
}
