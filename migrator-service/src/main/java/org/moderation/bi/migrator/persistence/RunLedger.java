package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * The {@code migration_runs} bookkeeping that loads write and read: counts and checkpoint inside each chunk's
 * transaction, the reconciliation's outcome, and where a plan starts (the last watermark, a resumable full run).
 */
@ApplicationScoped
public class RunLedger {

    /**
     * A run that failed part-way and can be continued from its checkpoint. {@code windowTo} is the legacy clock
     * when the chain of runs it belongs to began: changes between then and the resumption must still be caught by
     * the next delta, so the resumed run keeps that older watermark. A bulk run is continued in bulk: the rows it wrote
     * have no read model yet.
     */
    public record Resumable(long runId, long checkpointPostId, OffsetDateTime windowTo, boolean bulk) {
    }

    private final AgroalDataSource target;

    public RunLedger(AgroalDataSource target) {
        this.target = target;
    }

    /** The latest full run, if it failed after committing some chunks: the next full run continues it. */
    public Optional<Resumable> resumableFullRun() throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT id, status, checkpoint_post_id, window_to, bulk FROM migration_runs
                     WHERE kind = 'full' ORDER BY id DESC LIMIT 1""")) {
            if (rows.next() && "failed".equals(rows.getString(2))) {
                long checkpoint = rows.getLong(3);
                if (!rows.wasNull()) {
                    return Optional.of(new Resumable(rows.getLong(1), checkpoint,
                            rows.getObject(4, OffsetDateTime.class), rows.getBoolean(5)));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The latest full run, if it was a bulk load that ended before its read model was built: its rows are in the
     * target without their facts, rollups and buckets, so only a full run (which continues it) may touch the target.
     */
    public Optional<Long> unfinishedBulkLoad() throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT id FROM (SELECT id, bulk, read_model_built_at FROM migration_runs
                                     WHERE kind = 'full' ORDER BY id DESC LIMIT 1) latest
                     WHERE bulk AND read_model_built_at IS NULL""")) {
            return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
        }
    }

    /** Called in the transaction of a bulk load's final build. */
    public void recordReadModelBuilt(Connection connection, long runId) throws SQLException {
        try (var statement = connection.prepareStatement(
                "UPDATE migration_runs SET read_model_built_at = now() WHERE id = ? AND status = 'running'")) {
            statement.setLong(1, runId);
            if (statement.executeUpdate() == 0) {
                throw new RunNoLongerCurrent(runId);
            }
        }
    }

    /**
     * The legacy clock at the start of the latest run that completed loading (whatever its validation said): a
     * hint for the next delta's fast path, which the reconciliation checks rather than trusts.
     */
    public Optional<OffsetDateTime> lastLoadedWatermark() throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT max(window_to) FROM migration_runs
                     WHERE status IN ('succeeded', 'validation_failed') AND kind IN ('full', 'delta', 'reconcile')""")) {
            rows.next();
            return Optional.ofNullable(rows.getObject(1, OffsetDateTime.class));
        }
    }

    /** How long ago (by the target's clock) the latest run that loaded and reconciled finished, if one ever did. */
    public Optional<Duration> sinceLastCompletedRun() throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT extract(epoch FROM now() - max(finished_at))::bigint FROM migration_runs
                     WHERE status IN ('succeeded', 'validation_failed') AND kind <> 'stream'""")) {
            rows.next();
            long seconds = rows.getLong(1);
            return rows.wasNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        }
    }

    /**
     * Called inside the chunk's transaction, so counts and checkpoint move only when the chunk's rows are committed.
     * A null checkpoint leaves it where it is (deltas restart from their watermark, not from a post id). The total
     * grows with work found on the way (posts inserted during a full load, posts a reconciliation repairs), so
     * {@code posts_read} never exceeds it.
     *
     * @throws RunNoLongerCurrent when the run is not 'running' any more (another process took over after this
     *                            one lost its lock): the chunk's transaction must roll back
     */
    public void recordChunk(Connection connection, long runId, Long checkpointPostId, ChunkCounts counts)
            throws SQLException {
        try (var statement = connection.prepareStatement("""
                UPDATE migration_runs SET checkpoint_post_id = COALESCE(?, checkpoint_post_id),
                    posts_read = posts_read + ?, submissions_written = submissions_written + ?,
                    reports_written = reports_written + ?, posts_unchanged = posts_unchanged + ?,
                    quarantined = quarantined + ?, submissions_soft_deleted = submissions_soft_deleted + ?,
                    submissions_restored = submissions_restored + ?,
                    posts_total = greatest(posts_total, posts_read + ?), heartbeat_at = now()
                WHERE id = ? AND status = 'running'""")) {
            int i = 1;
            statement.setObject(i++, checkpointPostId, Types.BIGINT);
            statement.setInt(i++, counts.read());
            statement.setInt(i++, counts.written());
            statement.setInt(i++, counts.reports());
            statement.setInt(i++, counts.unchanged());
            statement.setInt(i++, counts.quarantined());
            statement.setInt(i++, counts.softDeleted());
            statement.setInt(i++, counts.restored());
            statement.setInt(i++, counts.read());
            statement.setLong(i, runId);
            if (statement.executeUpdate() == 0) {
                throw new RunNoLongerCurrent(runId);
            }
        }
    }

    /** More posts to look at than planned: the reconciliation found them. */
    public void addToTotal(long runId, long posts) throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement(
                "UPDATE migration_runs SET posts_total = posts_total + ? WHERE id = ?")) {
            statement.setLong(1, posts);
            statement.setLong(2, runId);
            statement.executeUpdate();
        }
    }

    /** @param reconciliationJson what the reconciliation compared and found, as JSON */
    public void recordReconciliation(long runId, String reconciliationJson, boolean massDeleteRefused)
            throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement("""
                UPDATE migration_runs SET reconciliation = ?::jsonb, mass_delete_refused = ? WHERE id = ?""")) {
            statement.setString(1, reconciliationJson);
            statement.setBoolean(2, massDeleteRefused);
            statement.setLong(3, runId);
            statement.executeUpdate();
        }
    }
}
