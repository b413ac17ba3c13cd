package org.moderation.bi.migrator.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.persistence.RunLedger;

/** A run's life in {@code migration_runs}: started, finished, or found abandoned by a process that died. */
@ApplicationScoped
public class RunRepository {

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
                     WHERE status = 'running' AND kind <> 'stream'""")) {
            return statement.executeUpdate();
        }
    }

    public long start(RunKind kind, OffsetDateTime windowFrom, OffsetDateTime windowTo,
            Optional<RunLedger.Resumable> resumed, long postsTotal, boolean bulk) throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.prepareStatement("""
                     INSERT INTO migration_runs (kind, status, window_from, window_to, resumed_from_run_id,
                                                 checkpoint_post_id, posts_total, bulk)
                     VALUES (?, 'running', ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            statement.setString(1, kind.code());
            statement.setObject(2, windowFrom);
            statement.setObject(3, windowTo);
            statement.setObject(4, resumed.map(RunLedger.Resumable::runId).orElse(null), Types.BIGINT);
            statement.setObject(5, resumed.map(RunLedger.Resumable::checkpointPostId).orElse(null), Types.BIGINT);
            statement.setLong(6, postsTotal);
            statement.setBoolean(7, bulk);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
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
