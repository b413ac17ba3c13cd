package org.moderation.bi.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.dashboard.config.BiConfig;

/**
 * Runs read-model queries each in its own read-only transaction whose statement timeout (and plan mode) is set with
 * {@code set_config(…, true)}: local to that transaction, so it never leaks to the next user of the pooled
 * connection. A query cut by the timeout surfaces as {@link QueryTimedOut}.
 * <p>
 * {@link #select} runs one statement in one round trip; {@link #read} runs several in one transaction, and
 * {@link #snapshot} several over one snapshot.
 */
@ApplicationScoped
public class ReadModelQueries {

    /** PostgreSQL's SQLSTATE for "canceling statement due to statement timeout". */
    private static final String QUERY_CANCELED = "57014";

    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Binds a statement's parameters, numbered from 1 as they appear in its own text. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final AgroalDataSource readModel;
    private final BiConfig config;
    /**
     * The statement timeout, and custom plans: a generic plan sees neither the window nor whether the scope is
     * everything, so for a superadmin it still joins and filters every row of a year (1.5× slower, BENCHMARKS.md).
     * Text made from a number of milliseconds (typed configuration), never from a request.
     */
    private final String transactionSettings;

    public ReadModelQueries(AgroalDataSource readModel, BiConfig config) {
        this.readModel = readModel;
        this.config = config;
        this.transactionSettings = "SELECT set_config('statement_timeout', '" + config.statementTimeout().toMillis()
                + "ms', true), set_config('plan_cache_mode', 'force_custom_plan', true)";
    }

    /**
     * One statement, sent in the same batch as the transaction's settings. The driver ends a batch with one Sync,
     * and PostgreSQL runs everything before a Sync in one implicit transaction, so the settings hold for this
     * statement and end with it: one round trip where BEGIN, SET and COMMIT take three.
     */
    public <T> T select(String sql, Parameters parameters, Rows<T> rows) throws SQLException {
        try (Connection connection = readModel.getConnection();
             PreparedStatement statement = connection.prepareStatement(transactionSettings + ";\n" + sql)) {
            parameters.bind(statement);
            statement.execute();
            statement.getMoreResults();
            try (ResultSet result = statement.getResultSet()) {
                return rows.read(result);
            }
        } catch (SQLException e) {
            throwIfTimedOut(e);
            throw e;
        }
    }

    public <T> T read(Query<T> query) throws SQLException {
        return inTransaction(transactionSettings, query);
    }

    /**
     * Several statements over one snapshot of the read model (REPEATABLE READ): what an export reads, so that its rows
     * and the read model's version it reports are of the same state.
     */
    public <T> T snapshot(Query<T> query) throws SQLException {
        return inTransaction("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n" + transactionSettings,
                query);
    }

    private <T> T inTransaction(String settings, Query<T> query) throws SQLException {
        try (Connection connection = readModel.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (var timeout = connection.createStatement()) {
                    timeout.execute(settings);
                }
                T result = query.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                throwIfTimedOut(e);
                throw e;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private void throwIfTimedOut(SQLException e) {
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            throw new QueryTimedOut(config.statementTimeout());
        }
    }
}
