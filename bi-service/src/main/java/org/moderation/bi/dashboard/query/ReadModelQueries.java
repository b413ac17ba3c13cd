package org.moderation.bi.dashboard.query;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.dashboard.config.BiConfig;

/**
 * Runs read-model queries each in its own read-only transaction whose statement timeout is set with
 * {@code set_config(…, true)}: local to that transaction, so it never leaks to the next user of the pooled
 * connection. A query cut by the timeout surfaces as {@link QueryTimedOut}.
 */
@ApplicationScoped
public class ReadModelQueries {

    /** PostgreSQL's SQLSTATE for "canceling statement due to statement timeout". */
    private static final String QUERY_CANCELED = "57014";

    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource readModel;
    private final BiConfig config;

    public ReadModelQueries(AgroalDataSource readModel, BiConfig config) {
        this.readModel = readModel;
        this.config = config;
    }

    public <T> T read(Query<T> query) throws SQLException {
        try (Connection connection = readModel.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (var timeout = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
                    timeout.setString(1, config.statementTimeout().toMillis() + "ms");
                    timeout.execute();
                }
                T result = query.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                if (QUERY_CANCELED.equals(e.getSQLState())) {
                    throw new QueryTimedOut(config.statementTimeout());
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
