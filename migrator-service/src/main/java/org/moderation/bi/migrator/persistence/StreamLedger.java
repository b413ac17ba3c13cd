package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.replication.LogSequenceNumber;

import io.agroal.api.AgroalDataSource;

/**
 * The {@code stream_state} row and {@code stream_applied_transactions}: where the stream stands (moved in the
 * transaction of the rows each batch wrote), what it is doing and why, and the deletion guard's count for it.
 */
@ApplicationScoped
public class StreamLedger {

    /**
     * Every legacy transaction that committed at or before {@code commitLsn} is applied; of transaction
     * {@code inTxnId}, too large for one chunk, the changes up to {@code inTxnLsn}.
     */
    public record Position(long commitLsn, Long inTxnId, Long inTxnLsn) {

        public boolean applied(long commitLsn) {
            return commitLsn <= this.commitLsn;
        }

        public boolean appliedWithin(long txId, long lsn) {
            return inTxnId != null && inTxnId == txId && inTxnLsn != null && lsn <= inTxnLsn;
        }
    }

    /** A legacy transaction a batch applied, for the audit table. */
    public record Applied(long commitLsn, long txId, Instant committedAt, int posts) {
    }

    /** The row as the API, health and gauges show it. */
    public record State(String slot, String status, String reason, OffsetDateTime statusSince,
            OffsetDateTime heartbeatAt, String commitLsn, OffsetDateTime lastCommitAt, OffsetDateTime appliedAt,
            OffsetDateTime slotCreatedAt, OffsetDateTime unverifiedSince, long deletionsSinceRun,
            long reportsGoneSinceRun, boolean massDeleteAllowed, Long sessionRunId) {
    }

    private final AgroalDataSource target;

    public StreamLedger(AgroalDataSource target) {
        this.target = target;
    }

    public Optional<State> state() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT slot_name, status, reason, status_since, heartbeat_at, commit_lsn::text, last_commit_at,
                            applied_at, slot_created_at, unverified_since, deletions_since_run,
                            reports_gone_since_run, mass_delete_allowed, session_run_id
                     FROM stream_state""")) {
            if (!rows.next()) {
                return Optional.empty();
            }
            long session = rows.getLong(14);
            return Optional.of(new State(rows.getString(1), rows.getString(2), rows.getString(3),
                    time(rows, 4), time(rows, 5), rows.getString(6), time(rows, 7), time(rows, 8), time(rows, 9),
                    time(rows, 10), rows.getLong(11), rows.getLong(12), rows.getBoolean(13),
                    rows.wasNull() ? null : session));
        }
    }

    /** Where the stream stands; empty when no slot was ever created for this target. */
    public Optional<Position> position() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT commit_lsn::text, in_txn_id, in_txn_lsn::text FROM stream_state "
                             + "WHERE commit_lsn IS NOT NULL")) {
            if (!rows.next()) {
                return Optional.empty();
            }
            long inTxn = rows.getLong(2);
            Long inTxnId = rows.wasNull() ? null : inTxn;
            String inTxnLsn = rows.getString(3);
            return Optional.of(new Position(lsn(rows.getString(1)), inTxnId,
                    inTxnLsn == null ? null : lsn(inTxnLsn)));
        }
    }

    /**
     * A new slot: the stream starts at its consistent point, and is not live until a run that started after now has
     * reconciled what may have been missed before the slot existed.
     */
    public void slotCreated(String slot, String consistentLsn, Duration pollingEvery) throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement("""
                INSERT INTO stream_state (slot_name, commit_lsn, status, reason, slot_created_at, unverified_since,
                                          polling_every)
                VALUES (?, ?::pg_lsn, 'starting', 'slot created', now(), now(), ?::interval)
                ON CONFLICT (singleton) DO UPDATE SET slot_name = EXCLUDED.slot_name,
                    commit_lsn = EXCLUDED.commit_lsn, in_txn_id = NULL, in_txn_lsn = NULL, status = 'starting',
                    reason = EXCLUDED.reason, status_since = now(), heartbeat_at = now(), slot_created_at = now(),
                    unverified_since = now(), polling_every = EXCLUDED.polling_every""")) {
            statement.setString(1, slot);
            statement.setString(2, consistentLsn);
            statement.setString(3, interval(pollingEvery));
            statement.executeUpdate();
        }
    }

    /** In the batch's transaction: the position after it, and the legacy transactions it applied. */
    public void advance(Connection connection, Position position, Instant lastCommitAt, List<Applied> applied,
            long deletions, long reportsGone) throws SQLException {
        try (var statement = connection.prepareStatement("""
                UPDATE stream_state SET commit_lsn = ?::pg_lsn, in_txn_id = ?, in_txn_lsn = ?::pg_lsn,
                    last_commit_at = coalesce(?, last_commit_at), applied_at = now(), heartbeat_at = now(),
                    deletions_since_run = deletions_since_run + ?, reports_gone_since_run = reports_gone_since_run + ?
                """)) {
            statement.setString(1, text(position.commitLsn()));
            statement.setObject(2, position.inTxnId(), Types.BIGINT);
            statement.setString(3, position.inTxnLsn() == null ? null : text(position.inTxnLsn()));
            statement.setTimestamp(4, lastCommitAt == null ? null : Timestamp.from(lastCommitAt));
            statement.setLong(5, deletions);
            statement.setLong(6, reportsGone);
            statement.executeUpdate();
        }
        if (applied.isEmpty()) {
            return;
        }
        try (var statement = connection.prepareStatement("""
                INSERT INTO stream_applied_transactions (commit_lsn, legacy_txid, committed_at, posts)
                SELECT t.lsn::pg_lsn, t.txid, t.at, t.posts
                FROM unnest(?::text[], ?::bigint[], ?::timestamptz[], ?::int[]) AS t(lsn, txid, at, posts)""")) {
            statement.setArray(1, connection.createArrayOf("text",
                    applied.stream().map(a -> text(a.commitLsn())).toArray()));
            statement.setArray(2, connection.createArrayOf("int8", applied.stream().map(Applied::txId).toArray()));
            statement.setArray(3, connection.createArrayOf("timestamptz", applied.stream()
                    .map(a -> a.committedAt() == null ? null : Timestamp.from(a.committedAt())).toArray()));
            statement.setArray(4, connection.createArrayOf("int4", applied.stream().map(Applied::posts).toArray()));
            statement.executeUpdate();
        }
    }

    /**
     * What the stream is doing and why (the reason null when it is live); the heartbeat moves with it. A paused stream
     * stays paused until a status other than a running one (a resume) is written.
     */
    public void status(String slot, String status, String reason, Duration pollingEvery, Long sessionRunId)
            throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement("""
                INSERT INTO stream_state (slot_name, status, reason, polling_every, session_run_id)
                VALUES (?, ?, ?, ?::interval, ?)
                ON CONFLICT (singleton) DO UPDATE SET
                    status_since = CASE WHEN stream_state.status = EXCLUDED.status THEN stream_state.status_since
                                        ELSE now() END,
                    status = EXCLUDED.status, reason = EXCLUDED.reason, heartbeat_at = now(),
                    polling_every = EXCLUDED.polling_every,
                    session_run_id = coalesce(EXCLUDED.session_run_id, stream_state.session_run_id)
                -- A pause (by an operator, elsewhere) stands until a resume: a running stream's look does not undo it.
                WHERE NOT (stream_state.status = 'paused' AND EXCLUDED.status IN ('live', 'catching_up', 'waiting'))""")) {
            statement.setString(1, slot);
            statement.setString(2, status);
            statement.setString(3, reason);
            statement.setString(4, interval(pollingEvery));
            statement.setObject(5, sessionRunId, Types.BIGINT);
            statement.executeUpdate();
        }
    }

    /**
     * A stream session begins: what it applies is counted on a run of its own ('stream'). Sessions left 'running' by
     * a process that died (the caller holds the stream's lock, so no other is alive) are marked failed first.
     */
    public long startSession() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("""
                    UPDATE migration_runs SET status = 'failed', finished_at = now(),
                        error = 'interrupted: the process ended while streaming (last heartbeat ' || heartbeat_at || ')'
                    WHERE status = 'running' AND kind = 'stream'""");
            try (var rows = statement.executeQuery("""
                    INSERT INTO migration_runs (kind, status, posts_total) VALUES ('stream', 'running', 0)
                    RETURNING id""")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The session ended: cleanly ({@code error} null), or with why. */
    public void endSession(long runId, String error) throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement("""
                UPDATE migration_runs SET status = CASE WHEN ? IS NULL THEN 'succeeded' ELSE 'failed' END, error = ?,
                    finished_at = now(), heartbeat_at = now()
                WHERE id = ? AND status = 'running'""")) {
            statement.setString(1, error);
            statement.setString(2, error);
            statement.setLong(3, runId);
            statement.executeUpdate();
        }
    }

    /**
     * An operator's consent to the deletions the guard refused: the stream may delete past the guard until the next
     * completed run, as a run allowed to delete may for the whole run.
     */
    public boolean allowMassDelete() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement()) {
            return statement.executeUpdate("UPDATE stream_state SET mass_delete_allowed = true") > 0;
        }
    }

    /**
     * A run that loaded and reconciled completed (whatever its validation said): what it reconciled covers what a
     * slot created before it started may have missed, its deletions were judged by its own guard, so the stream's count
     * (and an operator's consent to pass it) starts again, and applied transactions beyond the ones kept are pruned.
     */
    public void runCompleted(long runId, int appliedKept) throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement("""
                UPDATE stream_state SET unverified_since = CASE
                        WHEN unverified_since <= (SELECT started_at FROM migration_runs WHERE id = ?) THEN NULL
                        ELSE unverified_since END,
                    deletions_since_run = 0, reports_gone_since_run = 0, mass_delete_allowed = false""");
             var prune = connection.prepareStatement("""
                     DELETE FROM stream_applied_transactions WHERE commit_lsn <
                         (SELECT commit_lsn FROM stream_applied_transactions ORDER BY commit_lsn DESC
                          OFFSET ? LIMIT 1)""")) {
            statement.setLong(1, runId);
            statement.executeUpdate();
            prune.setInt(1, Math.max(0, appliedKept - 1));
            prune.executeUpdate();
        }
    }

    public static long lsn(String text) {
        return LogSequenceNumber.valueOf(text).asLong();
    }

    public static String text(long lsn) {
        return LogSequenceNumber.valueOf(lsn).asString();
    }

    private static String interval(Duration duration) {
        return duration == null ? null : duration.toSeconds() + " seconds";
    }

    private static OffsetDateTime time(java.sql.ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class);
    }
}
