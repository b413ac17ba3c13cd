package org.moderation.bi.migrator.persistence;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.microprofile.context.ManagedExecutor;

/** Database work run beside the caller's, whose SQLException the caller gets back as it was thrown. */
public final class SqlInBackground {

    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private SqlInBackground() {
    }

    public static <T> CompletableFuture<T> start(ManagedExecutor executor, Work<T> work) {
        return executor.supplyAsync(() -> {
            try {
                return work.run();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
    }

    public static <T> T join(CompletableFuture<T> future) throws SQLException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }
}
