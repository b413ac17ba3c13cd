package org.moderation.bi.migrator.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.jdbc.SecondTransaction;
import org.moderation.bi.migrator.jdbc.Snapshots;
import org.moderation.bi.shared.api.migration.RebuildView;

/**
 * Keeps {@code mv_submission_facts} and its rollups current. The SQL functions of migration V6 hold the rules: the
 * takedown rule in one view, used both by {@link #apply} (in the writer's transaction, for the submissions it
 * changed) and by {@link #rebuild} (everything, for schema changes and repair).
 */
@ApplicationScoped
public class ReadModelMaintenance {

    private static final Logger LOG = Logger.getLogger(ReadModelMaintenance.class);

    private final AgroalDataSource target;
    private final ManagedExecutor executor;
    private final MeterRegistry registry;
    private final Duration buildTimeout;

    public ReadModelMaintenance(AgroalDataSource target, ManagedExecutor executor, MeterRegistry registry,
            MigratorConfig config) {
        this.target = target;
        this.executor = executor;
        this.registry = registry;
        this.buildTimeout = config.bulk().buildTimeout();
    }

    /**
     * The facts of these submissions and the rollups they count in, as the rule gives them now; inside the
     * caller's transaction, so the read model changes exactly when the rows it is computed from do.
     *
     * @return how many facts rows changed (0: the read model and its version stay as they were)
     */
    public long apply(Connection connection, Collection<Long> submissionIds) throws SQLException {
        if (submissionIds.isEmpty()) {
            return 0;
        }
        try (var statement = connection.prepareStatement("SELECT apply_submission_facts(?)")) {
            statement.setArray(1, connection.createArrayOf("int8", submissionIds.toArray()));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The submissions of these communities, whose slug the facts carry: after communities were renamed. */
    public long applyToCommunities(Connection connection, Collection<Long> communityIds) throws SQLException {
        if (communityIds.isEmpty()) {
            return 0;
        }
        try (var statement = connection.prepareStatement("""
                SELECT apply_submission_facts(ARRAY(
                    SELECT id FROM submissions WHERE community_id = ANY (?) AND deleted_at IS NULL))""")) {
            statement.setArray(1, connection.createArrayOf("int8", communityIds.toArray()));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Everything derived from the rows (facts, every rollup, the search rows, the reconciliation buckets) made equal
     * to what the rules give, in the caller's transaction, what SQL's {@code build_read_model()} does on one connection
     * (V9, V29). The search rows and then the reconciliation buckets, which share no table with the facts, are rebuilt
     * on a second connection at the same time, in a transaction that sees the caller's snapshot and commits once
     * everything else is done, as the build returns: a build that fails anywhere keeps none of it. If the caller's own
     * transaction then fails (two-phase commit, off by default in PostgreSQL, would be needed to close that window),
     * those are kept: the buckets count the committed rows they were read from, whatever the read model; after a first
     * build no reader reaches the search rows (a search only keeps submissions that have facts); after a rebuild that
     * changed some, readers see them without a new read model version. Either way the next build finds them equal to
     * their rules. Callers hold the migration's write lock, so no writer of the rows waits on either connection.
     *
     * @return how many rows differed
     */
    public long build(Connection connection, Duration timeout) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("a build runs in its caller's transaction");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var statement = timed(connection, deadline, "the locks")) {
            statement.execute("SELECT lock_read_model()");
        }
        SecondTransaction<Beside> beside = SecondTransaction.start(executor, target, Snapshots.export(connection),
                second -> new Beside(single(second, "SELECT refresh_submission_search()", deadline),
                        single(second, "SELECT rebuild_reconciliation_buckets()", deadline)), timeout);
        long changed;
        try {
            long facts = single(connection, "SELECT refresh_facts_and_rollups()", deadline);
            Beside second = beside.result();
            long readModel = facts + second.searchRows();
            try (var statement = connection.prepareStatement("SELECT publish_read_model_changes(?)")) {
                statement.setQueryTimeout(secondsLeft(deadline, "publishing its changes"));
                statement.setLong(1, readModel);
                statement.execute();
            }
            changed = readModel + second.buckets();
        } catch (SQLException | RuntimeException e) {
            beside.abandon(e);
            throw e;
        }
        beside.commit();
        return changed;
    }

    /** What the build's second connection changed: search rows, then reconciliation buckets. */
    private record Beside(long searchRows, long buckets) {
    }

    /** What a caller records in the build's transaction, before it commits. */
    @FunctionalInterface
    public interface Record {
        void in(Connection connection) throws SQLException;
    }

    /**
     * {@link #build} in a transaction of its own on the connection, within {@code migrator.bulk.build-timeout}, with
     * the caller's record of it: committed together, or neither.
     */
    public long buildCommitted(Connection connection, Record record) throws SQLException {
        connection.setAutoCommit(false);
        try {
            long changed = build(connection, buildTimeout);
            record.in(connection);
            connection.commit();
            return changed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The one bigint a statement of the build returns, within what is left of the build's time. */
    private static long single(Connection connection, String sql, long deadline) throws SQLException {
        try (var statement = timed(connection, deadline, sql); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Statement timed(Connection connection, long deadline, String sql) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setQueryTimeout(secondsLeft(deadline, sql));
        return statement;
    }

    private static int secondsLeft(long deadline, String before) throws SQLException {
        long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
        if (left < 1) {
            throw new SQLException("the read model build ran out of time before " + before, "57014");
        }
        return Math.toIntExact(left);
    }

    /** Everything recomputed from the rules and the differences applied; dashboards keep reading meanwhile. */
    public RebuildView rebuild(Long runId) throws SQLException {
        try (Connection connection = target.getConnection()) {
            OffsetDateTime startedAt = OffsetDateTime.now();
            long start = System.nanoTime();
            long changed = buildCommitted(connection, built -> { });
            flushPendingIndexEntries(connection);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            try (var statement = connection.prepareStatement("""
                    INSERT INTO read_model_rebuilds (run_id, started_at, finished_at, duration_ms, rows_changed)
                    VALUES (?, ?, ?, ?, ?)""")) {
                statement.setObject(1, runId, java.sql.Types.BIGINT);
                statement.setObject(2, startedAt);
                statement.setObject(3, startedAt.plus(took));
                statement.setLong(4, took.toMillis());
                statement.setLong(5, changed);
                statement.executeUpdate();
            }
            LOG.infof("read model rebuilt in %d ms: %,d rows differed from the kept read model", took.toMillis(),
                    changed);
            registry.timer("migrator.read_model.rebuild.duration").record(took);
            return new RebuildView(startedAt, startedAt.plus(took), took.toMillis(), changed);
        }
    }

    /**
     * Records that a run found the target equal to the legacy snapshot it read {@code sinceSnapshot} ago: as of
     * then, on the target's clock (the one changed_at is on).
     */
    public void markVerified(Duration sinceSnapshot) throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement(
                "UPDATE read_model_version SET verified_at = clock_timestamp() - make_interval(secs => ?)")) {
            statement.setDouble(1, sinceSnapshot.toNanos() / 1e9);
            statement.executeUpdate();
        }
    }

    /**
     * Merges the entries the writers left pending in the read model's GIN indexes into the indexes themselves: a
     * search or a filter by category reads an index's whole pending list (up to 4 MB) on every scan (migration V23).
     *
     * @return the pending pages merged
     */
    public long flushPendingIndexEntries() throws SQLException {
        try (Connection connection = target.getConnection()) {
            return flushPendingIndexEntries(connection);
        }
    }

    private long flushPendingIndexEntries(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT flush_read_model_pending_entries()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Drops the hours that fell behind the hourly rollup's horizon (they are no longer kept current). */
    public long pruneHourly() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT prune_hourly_rollup()")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
