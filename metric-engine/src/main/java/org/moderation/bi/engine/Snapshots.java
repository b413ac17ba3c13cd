package org.moderation.bi.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.moderation.bi.engine.plan.PreAggregations;
import org.moderation.bi.engine.sql.PlanCacheMode;

/**
 * Opens snapshots of the read model: one pool connection, one read-only REPEATABLE READ transaction with a statement
 * timeout and custom plans by default ({@link PlanCacheMode}), both local to that transaction so they never leak to
 * the next user of the connection. The transaction, its settings and the versions (planned once per connection) are
 * one round trip; the read model's declarations of its pre-aggregations are read before it, when those known are a
 * minute old ({@link KnownDeclarations}).
 */
public final class Snapshots {

    /** PostgreSQL's SQLSTATE for "canceling statement due to statement timeout". */
    private static final String QUERY_CANCELED = "57014";
    /** PostgreSQL's SQLSTATE for "relation does not exist". */
    private static final String UNDEFINED_TABLE = "42P01";

    /** The read model's version and the version of the last change to the months [?, ?) (first days of months). */
    private static final String VERSIONS = "SELECT v.version, v.changed_at, v.verified_at, "
            + "(SELECT coalesce(max(p.version), 0) FROM read_model_partitions p WHERE p.month >= ? AND p.month < ?) "
            + "FROM (SELECT 1) AS one LEFT JOIN read_model_version v ON true";

    /**
     * The UTC months a window [from, to) touches, by their first days: [from, to), null for an end the window does not
     * have. A snapshot's data version is that of these months, so windows with the same months share it.
     */
    public record Months(LocalDate from, LocalDate to) {

        public static Months of(Instant from, Instant to) {
            return new Months(from == null ? null : firstMonth(from), to == null ? null : monthAfter(to));
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Snapshot snapshot) throws SQLException;
    }

    private final DataSource readModel;
    private final Duration statementTimeout;
    /** Text made from a number of milliseconds (typed configuration), never from a request. */
    private final String opening;
    /** The statement timeout of {@link #versions}, in whole seconds (JDBC's unit), at least 1. */
    private final int versionsTimeoutSeconds;
    private final KnownDeclarations declarations;

    public Snapshots(DataSource readModel, Duration statementTimeout) {
        this(readModel, statementTimeout, Clock.systemUTC());
    }

    /** {@code clock}: when the declarations known are old enough to be read again. */
    Snapshots(DataSource readModel, Duration statementTimeout, Clock clock) {
        this.readModel = readModel;
        this.statementTimeout = statementTimeout;
        this.opening = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n"
                + "SELECT set_config('statement_timeout', '" + statementTimeout.toMillis() + "ms', true), "
                + PlanCacheMode.GENERIC.setting() + ", "
                // JIT compiles by estimated cost: a generic plan's stretches of a rollup, whose bounds it does not
                // know, are estimated at millions of rows, and compiling took 0.3 s of a read of 1 ms.
                + "set_config('jit', 'off', true), "
                // Many people are answered at once on two cores: a search's two workers each found its 7 rows in
                // 0.4 ms, and starting them took 38 ms (bench/what.sh: 3.3x the searches a second without them).
                + "set_config('max_parallel_workers_per_gather', '0', true), "
                + "set_config('moderation.as_of', coalesce(?::text, ''), true);\n" + VERSIONS + ";\n"
                + PlanCacheMode.CUSTOM.statement();
        this.versionsTimeoutSeconds = (int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000);
        this.declarations = new KnownDeclarations(clock, versionsTimeoutSeconds);
    }

    /**
     * The versions a snapshot opened now for [from, to) would have, read in one statement (a snapshot of its own)
     * without opening a transaction: one round trip, for deciding whether an answer kept under a data version still
     * holds.
     */
    public Versions versions(Instant from, Instant to) throws SQLException {
        try (Connection connection = readModel.getConnection();
                PreparedStatement statement = connection.prepareStatement(VERSIONS)) {
            statement.setQueryTimeout(versionsTimeoutSeconds);
            bindMonths(statement, 1, from, to);
            try (var rows = statement.executeQuery()) {
                return versions(rows);
            }
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw Refused.timedOut(statementTimeout);
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} in a new snapshot, opened for answers over [from, to) (its {@link Snapshot#dataVersion()}
     * covers the UTC months they touch; without a window it is 0).
     */
    public <T> T read(Instant from, Instant to, Work<T> work) throws SQLException {
        return read(from, to, null, work);
    }

    /** The same, with "removed by now" counted as of {@code asOf} instead of the server's clock (null: now). */
    public <T> T read(Instant from, Instant to, Instant asOf, Work<T> work) throws SQLException {
        try (Connection connection = readModel.getConnection()) {
            // Read before the transaction: a failure there would end it.
            PreAggregations preAggregations = declarations.get(connection);
            connection.setAutoCommit(false);
            try {
                T result = work.run(open(connection, from, to, asOf, preAggregations));
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                if (QUERY_CANCELED.equals(e.getSQLState())) {
                    throw Refused.timedOut(statementTimeout);
                }
                if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                    // A migration replaced a pre-aggregation: the next snapshot reads the declarations again.
                    declarations.forget();
                }
                throw e;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private Snapshot open(Connection connection, Instant from, Instant to, Instant asOf,
            PreAggregations preAggregations) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(opening)) {
            statement.setString(1, asOf == null ? null : asOf.toString());
            bindMonths(statement, 2, from, to);
            statement.execute();
            statement.getMoreResults();
            statement.getMoreResults();
            try (var rows = statement.getResultSet()) {
                return new Snapshot(connection, versions(rows), preAggregations);
            }
        }
    }

    private static void bindMonths(PreparedStatement statement, int first, Instant from, Instant to)
            throws SQLException {
        Months months = Months.of(from, to);
        statement.setObject(first, months.from(), Types.DATE);
        statement.setObject(first + 1, months.to(), Types.DATE);
    }

    private static Versions versions(ResultSet rows) throws SQLException {
        rows.next();
        OffsetDateTime changedAt = rows.getObject(2, OffsetDateTime.class);
        OffsetDateTime verifiedAt = rows.getObject(3, OffsetDateTime.class);
        ReadModelVersion version = changedAt == null ? null : new ReadModelVersion(rows.getLong(1),
                changedAt.toInstant(), verifiedAt == null ? null : verifiedAt.toInstant());
        return new Versions(version, rows.getLong(4));
    }

    /** The UTC month an instant falls in, by its first day. */
    static LocalDate firstMonth(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }

    /** The first UTC month after a window that ends at {@code to} (exclusive). */
    static LocalDate monthAfter(Instant to) {
        LocalDate month = firstMonth(to);
        return to.equals(month.atStartOfDay(ZoneOffset.UTC).toInstant()) ? month : month.plusMonths(1);
    }
}
