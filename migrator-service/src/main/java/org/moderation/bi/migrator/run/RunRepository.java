package org.moderation.bi.migrator.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** The {@code migration_runs} bookkeeping: start, checkpoint (inside the chunk's transaction), finish. */
@ApplicationScoped
public class RunRepository {

    /**
     * A run that failed part-way and can be continued from its checkpoint. {@code windowTo} is the legacy clock
     * when the chain of runs it belongs to began: changes between then and the resumption must still be caught by
     * the next delta, so the resumed run keeps that older watermark.
     */
    public record Resumable(long runId, long checkpointPostId, OffsetDateTime windowTo) {
    }

    private final AgroalDataSource target;

    public RunRepository(AgroalDataSource target) {
        this.target = target;
    }

    /** Runs left 'running' by a process that died; only called while holding the migration lock. */
    public int failAbandonedRuns() throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.prepareStatement("""
                     UPDATE migration_runs SET status = 'failed', finished_at = now(),
                         error = 'interrupted: the process ended before the run finished (last heartbeat '
                                 || heartbeat_at || ')'
                     WHERE status = 'running'""")) {
            return statement.executeUpdate();
        }
    }

    /** The latest full run, if it failed after committing some chunks: the next full run continues it. */
    public Optional<Resumable> resumableFullRun() throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT id, status, checkpoint_post_id, window_to FROM migration_runs
                     WHERE kind = 'full' ORDER BY id DESC LIMIT 1""")) {
            if (rows.next() && "failed".equals(rows.getString(2))) {
                long checkpoint = rows.getLong(3);
                if (!rows.wasNull()) {
                    return Optional.of(new Resumable(rows.getLong(1), checkpoint,
                            rows.getObject(4, OffsetDateTime.class)));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The legacy clock at the start of the latest run whose load completed (whatever its validation said): every
     * legacy change committed with an earlier updated_at is in the target, up to late commits.
     */
    public Optional<OffsetDateTime> lastLoadedWatermark() throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT max(window_to) FROM migration_runs WHERE status IN ('succeeded', 'validation_failed')""")) {
            rows.next();
            return Optional.ofNullable(rows.getObject(1, OffsetDateTime.class));
        }
    }

    public long start(RunKind kind, OffsetDateTime windowFrom, OffsetDateTime windowTo, Optional<Resumable> resumed,
            long postsTotal) throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.prepareStatement("""
                     INSERT INTO migration_runs (kind, status, window_from, window_to, resumed_from_run_id,
                                                 checkpoint_post_id, posts_total)
                     VALUES (?, 'running', ?, ?, ?, ?, ?) RETURNING id""")) {
            statement.setString(1, kind.code());
            statement.setObject(2, windowFrom);
            statement.setObject(3, windowTo);
            statement.setObject(4, resumed.map(Resumable::runId).orElse(null), Types.BIGINT);
            statement.setObject(5, resumed.map(Resumable::checkpointPostId).orElse(null), Types.BIGINT);
            statement.setLong(6, postsTotal);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Called inside the chunk's transaction, so counts and checkpoint move only when the chunk's rows are committed.
     * A null checkpoint leaves it where it is (deltas restart from their watermark, not from a post id).
     *
     * @throws RunNoLongerCurrent when the run is not 'running' any more (another process took over after this
     *                            one lost its lock): the chunk's transaction must roll back
     */
    public void recordChunk(Connection connection, long runId, Long checkpointPostId, int read, int submissions,
            int reports, int quarantined) throws SQLException {
        try (var statement = connection.prepareStatement("""
                UPDATE migration_runs SET checkpoint_post_id = COALESCE(?, checkpoint_post_id),
                    posts_read = posts_read + ?, submissions_written = submissions_written + ?,
                    reports_written = reports_written + ?, quarantined = quarantined + ?, heartbeat_at = now()
                WHERE id = ? AND status = 'running'""")) {
            statement.setObject(1, checkpointPostId, Types.BIGINT);
            statement.setInt(2, read);
            statement.setInt(3, submissions);
            statement.setInt(4, reports);
            statement.setInt(5, quarantined);
            statement.setLong(6, runId);
            if (statement.executeUpdate() == 0) {
                throw new RunNoLongerCurrent(runId);
            }
        }
    }

    public void finish(long runId, RunStatus status, String error) throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.prepareStatement("""
                     UPDATE migration_runs SET status = ?, error = ?, finished_at = now(), heartbeat_at = now()
                     WHERE id = ? AND status = 'running'""")) {
            statement.setString(1, status.code());
            statement.setString(2, error);
            statement.setLong(3, runId);
            statement.executeUpdate();
        }
    }
}
