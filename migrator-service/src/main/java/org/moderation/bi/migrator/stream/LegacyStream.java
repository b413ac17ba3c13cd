package org.moderation.bi.migrator.stream;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import org.moderation.bi.errors.Causes;
import org.moderation.bi.migrator.config.DeltaSchedule;
import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacyConnectionSettings;
import org.moderation.bi.migrator.legacy.LegacyReplication;
import org.moderation.bi.migrator.load.StreamedChanges;
import org.moderation.bi.migrator.persistence.MigrationLock;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.persistence.StreamLedger;
import org.moderation.bi.migrator.readmodel.ReadModelMaintenance;

/**
 * The stream of legacy changes in this process. One process at a time consumes it (the one holding the stream's
 * lock); a supervisor looks every second at what it is doing, says so in {@code stream_state} with a heartbeat, and
 * starts it again after a failure. Where the legacy database cannot stream it says exactly what to set, and the
 * scheduled deltas keep polling. A slot is created by the first full load, or here when the stream has never run;
 * one that went away is recreated only by an operator ({@link StreamCommands}), never silently.
 */
@ApplicationScoped
public class LegacyStream {

    private static final Logger LOG = Logger.getLogger(LegacyStream.class);

    /** Behind by more than this, a running stream says it is catching up rather than live. */
    static final Duration LIVE_LAG = Duration.ofSeconds(10);
    /** How often the heartbeat is written while nothing else changes (readers trust it for 30 s). */
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** How long one wait for the write lock lasts before the stream looks whether it should stop. */
    private static final Duration WRITE_LOCK_PATIENCE = Duration.ofSeconds(1);

    private final MigratorConfig config;
    private final MigrationLock lock;
    private final LegacyReplication replication;
    private final StreamLedger ledger;
    private final RunLedger runLedger;
    private final StreamedChanges changes;
    private final DeltaSchedule deltas;
    private final ReadModelMaintenance readModel;
    private final AgroalDataSource legacy;

    private ScheduledExecutorService supervisor;
    private volatile MigrationLock.Held streamLock;
    private volatile ChangeStreamEngine engine;
    private volatile long sessionRunId;
    private volatile boolean stopping;
    /** An operator's command stops the engine of this process (it starts again at the next attempt). */
    private volatile boolean stopRequested;
    private volatile Instant nextAttempt = Instant.EPOCH;
    private volatile String waitingFor;
    private volatile String saidStatus;
    private volatile String saidReason;
    private volatile Instant saidAt = Instant.EPOCH;
    /** Whether a batch was applied since the stream last merged the read model's pending index entries. */
    private volatile boolean appliedSinceMerge;
    private volatile Instant mergedAt = Instant.EPOCH;

    public LegacyStream(MigratorConfig config, MigrationLock lock, LegacyReplication replication, StreamLedger ledger,
            RunLedger runLedger, StreamedChanges changes, DeltaSchedule deltas, ReadModelMaintenance readModel,
            @DataSource("legacy") AgroalDataSource legacy) {
        this.config = config;
        this.lock = lock;
        this.replication = replication;
        this.ledger = ledger;
        this.runLedger = runLedger;
        this.changes = changes;
        this.deltas = deltas;
        this.readModel = readModel;
        this.legacy = legacy;
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.stream().consume()) {
            return;
        }
        supervisor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "legacy-stream-supervisor"));
        supervisor.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (supervisor == null) {
            return;
        }
        stopping = true;
        supervisor.shutdownNow();
        stopEngine("the migrator service stops");
        releaseStreamLock();
    }

    /** Whether this process streams and the stream is live: the scheduled backstop may then run less often. */
    public boolean live() {
        return engine != null && "live".equals(saidStatus);
    }

    /** The age of the oldest change received and not yet applied, while this process streams. */
    public Optional<Long> secondsBehind() {
        ChangeStreamEngine running = engine;
        return running == null ? Optional.empty() : Optional.of(running.secondsBehind());
    }

    /** One look: say what the stream is doing, and start it when it should run and does not. */
    void tick() {
        try {
            if (!config.stream().enabled()) {
                say("stopped", "streaming is off (migrator.stream.enabled=false): scheduled deltas poll the legacy "
                        + "database");
                return;
            }
            ChangeStreamEngine running = engine;
            if (running != null && paused()) {
                stopEngine("it was paused");
            } else if (running != null) {
                sayRunning(running);
                mergePendingEntries();
            } else if (!paused() && !Instant.now().isBefore(nextAttempt)) {
                nextAttempt = Instant.now().plus(config.stream().retryEvery());
                start();
            } else {
                heartbeat();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("the stream's supervisor could not look at the stream: %s", e.getMessage());
        }
    }

    /** Start again at the next look, not after the retry interval (an operator resumed it, or made a new slot). */
    void startSoon() {
        nextAttempt = Instant.EPOCH;
    }

    private void start() throws SQLException {
        if (streamLock != null && !streamLock.valid()) {
            // The target's session that held the lock is gone (a restart of the database): the lock with it.
            releaseStreamLock();
        }
        if (streamLock == null) {
            Optional<MigrationLock.Held> held = lock.tryStream();
            if (held.isEmpty()) {
                LOG.debug("another process consumes the stream; this one stands by");
                return;
            }
            streamLock = held.get();
        }
        LegacyConnectionSettings settings = LegacyConnectionSettings.of(legacy);
        Optional<Obstacle> obstacle = obstacle(settings);
        if (obstacle.isPresent()) {
            say(obstacle.get().status(), obstacle.get().reason());
            return;
        }
        StreamLedger.Position position = ledger.position().orElseThrow();
        stopRequested = false;
        sessionRunId = ledger.startSession();
        var batches = new ChangeBatches(this::apply, position, config.chunkSize(),
                config.stream().maxTransactionsPerBatch());
        long session = sessionRunId;
        say("starting", "connecting to the slot " + replication.slotName() + " at "
                + StreamLedger.text(position.commitLsn()), session);
        engine = ChangeStreamEngine.start(settings, replication, config.stream(), batches,
                (success, message, error) -> ended(session, success, message, error));
        LOG.infof("the stream of legacy changes starts from %s (slot %s, session run %d)",
                StreamLedger.text(position.commitLsn()), replication.slotName(), session);
    }

    /** What keeps the stream from starting now: unavailable until something changes, or waiting. */
    private record Obstacle(String status, String reason) {

        static Optional<Obstacle> unavailable(String reason) {
            return Optional.of(new Obstacle("unavailable", reason));
        }
    }

    /**
     * Why the stream cannot start now, if anything keeps it; a stream that never ran gets its slot here. The slot is
     * looked at under the write lock: a run (a full load creating the slot before it reads, an operator's command)
     * is never taken for a stranger on the slot.
     */
    private Optional<Obstacle> obstacle(LegacyConnectionSettings settings) throws SQLException {
        Optional<Obstacle> unfit = unfit(settings);
        if (unfit.isPresent()) {
            return unfit;
        }
        if (!lock.tryWrite(streamLock)) {
            return Optional.of(new Obstacle("waiting", "a migration run is in progress: the stream starts after it"));
        }
        try {
            return slotObstacle().or(() -> unloaded().map(why -> new Obstacle("waiting", why)));
        } finally {
            lock.releaseWrite(streamLock);
        }
    }

    /** What keeps the stream from using its slot, creating it for a stream that never ran; under the write lock. */
    private Optional<Obstacle> slotObstacle() throws SQLException {
        Optional<LegacyReplication.Slot> slot = replication.slot();
        if (slot.isEmpty() && ledger.position().isEmpty()) {
            createSlot();
            slot = replication.slot();
        }
        if (slot.isEmpty()) {
            return Obstacle.unavailable("the replication slot " + replication.slotName() + " does not exist on the "
                    + "legacy database any more (dropped, or never created there): changes since the last one applied "
                    + "may be missing. Recreate it explicitly (migrator stream recreate-slot, or POST "
                    + "/api/v1/stream/slot/recreate); a reconciliation then repairs what was missed before the stream "
                    + "is called live again");
        }
        if ("lost".equals(slot.get().walStatus())) {
            return Obstacle.unavailable("the replication slot " + replication.slotName() + " lost WAL it needed (the "
                    + "legacy server's max_slot_wal_keep_size removed it while the stream was behind): recreate it "
                    + "(migrator stream recreate-slot); a reconciliation then repairs what was missed");
        }
        if (slot.get().active()) {
            // This process holds the stream's lock: the slot's consumer is left from its own engine, which the server
            // has not seen go yet (or a stranger on this target's slot).
            LOG.infof("the slot %s still has a consumer: ending it", replication.slotName());
            replication.endConsumer();
            slot = replication.slot();
        }
        if (slot.isEmpty() || slot.get().active()) {
            return Obstacle.unavailable("another consumer streams from the slot " + replication.slotName()
                    + " (not a migrator of this target): stop it, or give this target a slot of its own "
                    + "(migrator.stream.slot)");
        }
        return Optional.empty();
    }

    /** Whether the legacy database cannot stream at all (wal_level, the role's rights, the publication). */
    private Optional<Obstacle> unfit(LegacyConnectionSettings settings) throws SQLException {
        List<String> obstacles = replication.obstacles();
        if (obstacles.isEmpty()) {
            replication.ensurePublication(settings).ifPresent(obstacles::add);
        }
        return obstacles.isEmpty() ? Optional.empty() : Obstacle.unavailable("the legacy database "
                + settings.describe() + " cannot stream, so scheduled deltas poll it: " + String.join("; ", obstacles));
    }

    /** The slot of a stream that never ran: everything committed after it is streamed. */
    void createSlot() throws SQLException {
        String consistent = replication.createSlot();
        ledger.slotCreated(replication.slotName(), consistent, deltas.period().orElse(null));
        LOG.infof("created the replication slot %s on the legacy database at %s", replication.slotName(), consistent);
    }

    /**
     * Before a full load reads: the slot exists, so that every change committed while or after it reads is streamed.
     * A stream that ran before and lost its slot is left to an operator.
     */
    public void beforeFullLoad() {
        if (!config.stream().enabled()) {
            return;
        }
        try {
            if (replication.slot().isPresent() || ledger.position().isPresent()) {
                return;
            }
            Optional<Obstacle> unfit = unfit(LegacyConnectionSettings.of(legacy));
            if (unfit.isPresent()) {
                LOG.warnf("the full load runs without a replication slot, so changes will be polled, not streamed: %s",
                        unfit.get().reason());
                return;
            }
            createSlot();
        } catch (SQLException e) {
            LOG.warnf("the full load runs without a replication slot, so changes will be polled, not streamed: %s",
                    e.getMessage());
        }
    }

    /** One batch, under the write lock: see {@link StreamedChanges}. */
    private StreamLedger.Position apply(List<LegacyTransaction> transactions, LegacyTransaction chunk,
            StreamLedger.Position before) throws SQLException, InterruptedException {
        MigrationLock.Held held = streamLock;
        while (!lock.awaitWrite(held, WRITE_LOCK_PATIENCE)) {
            if (stopping || stopRequested) {
                throw new InterruptedException("the stream is stopping");
            }
            waitingFor = "a migration run holds the target's write lock: the stream applies what it received once "
                    + "the run has finished";
        }
        try {
            Optional<String> unloaded = unloaded();
            if (unloaded.isPresent()) {
                // The engine stops; the supervisor waits for the load, and the changes come again from the slot.
                throw new IllegalStateException(unloaded.get());
            }
            waitingFor = null;
            StreamedChanges.Batch batch = batchOf(transactions, chunk, before);
            changes.apply(sessionRunId, batch);
            appliedSinceMerge = true;
            return batch.after();
        } finally {
            lock.releaseWrite(held);
        }
    }

    /** What the transactions (and the chunk after them) name, and where the stream stands once they are applied. */
    static StreamedChanges.Batch batchOf(List<LegacyTransaction> transactions, LegacyTransaction chunk,
            StreamLedger.Position before) {
        var posts = new TreeSet<Long>();
        var deletedPosts = new TreeSet<Long>();
        var reports = new HashMap<Long, Boolean>();
        boolean referenceData = false;
        var applied = new ArrayList<StreamLedger.Applied>();
        var all = new ArrayList<>(transactions);
        if (chunk != null) {
            all.add(chunk);
        }
        for (LegacyTransaction transaction : all) {
            posts.addAll(transaction.posts);
            deletedPosts.removeAll(transaction.posts);
            deletedPosts.addAll(transaction.deletedPosts);
            reports.putAll(transaction.reports);
            referenceData |= transaction.referenceData;
            if (transaction.complete()) {
                applied.add(new StreamLedger.Applied(transaction.commitLsn, transaction.txId,
                        transaction.committedAt, transaction.posts.size()));
            }
        }
        LegacyTransaction lastWhole = transactions.isEmpty() ? null : transactions.getLast();
        long commitLsn = lastWhole == null ? before.commitLsn() : lastWhole.commitLsn;
        StreamLedger.Position after = chunk == null ? new StreamLedger.Position(commitLsn, null, null)
                : new StreamLedger.Position(commitLsn, chunk.txId, chunk.lastLsn);
        return new StreamedChanges.Batch(posts, deletedPosts, reports, referenceData, after,
                lastWhole == null ? null : lastWhole.committedAt, applied);
    }

    /** Why the target cannot take changes yet, if it cannot: they would come before the load they belong after. */
    private Optional<String> unloaded() {
        try {
            if (runLedger.lastLoadedWatermark().isEmpty()) {
                return Optional.of("the target has no completed full load yet: the stream applies changes after it");
            }
            return runLedger.unfinishedBulkLoad().map(run -> "bulk load " + run + " has not finished: the stream "
                    + "applies changes after the full run that continues it");
        } catch (SQLException e) {
            throw new IllegalStateException("the target did not say whether it is loaded: " + e.getMessage(), e);
        }
    }

    /** The engine stopped: by request, by a failure (started again later), or by the deletion guard (paused). */
    private void ended(long session, boolean success, String message, Throwable error) {
        engine = null;
        try {
            Throwable cause = error;
            while (cause != null && !(cause instanceof StreamedChanges.MassDeletionPaused)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                LOG.error("the stream is paused: " + cause.getMessage());
                ledger.endSession(session, cause.getMessage());
                say("paused", cause.getMessage());
            } else if (stopping || error == null) {
                ledger.endSession(session, null);
            } else {
                String why = Causes.inOneLine(error);
                LOG.warnf("the stream stopped; it is started again in %s: %s", config.stream().retryEvery(), why);
                ledger.endSession(session, why);
                say("failed", why + " (started again every " + config.stream().retryEvery().toSeconds() + " s)");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not record the end of stream session %d: %s", session, e.getMessage());
        }
    }

    private void sayRunning(ChangeStreamEngine running) throws SQLException {
        String waiting = waitingFor;
        if (!running.started()) {
            heartbeat();
        } else if (waiting != null) {
            say("waiting", waiting);
        } else {
            StreamLedger.State state = ledger.state().orElseThrow();
            long behind = running.secondsBehind();
            if (state.unverifiedSince() != null) {
                say("catching_up", "the slot was created at " + state.unverifiedSince() + ": changes committed "
                        + "before it may be missing until a run that starts later has reconciled the target (the next "
                        + "scheduled delta, or run reconcile)");
            } else if (behind > LIVE_LAG.toSeconds()) {
                say("catching_up", behind + " s behind the legacy database");
            } else {
                say("live", null);
            }
        }
    }

    /**
     * Merges the index entries the applied batches left pending, on the supervisor's thread: after their commit and
     * beside the next batch, so that a change's way to the dashboard does not wait for it (V23).
     */
    private void mergePendingEntries() throws SQLException {
        if (appliedSinceMerge && !Instant.now().isBefore(mergedAt.plus(config.stream().mergePendingEvery()))) {
            // Cleared before the merge so that a batch applied during it is merged next time; set again when the
            // merge fails, so that it is tried again after the same interval, neither forgotten nor tried every tick.
            appliedSinceMerge = false;
            long merged;
            try {
                merged = readModel.flushPendingIndexEntries();
            } catch (SQLException | RuntimeException e) {
                appliedSinceMerge = true;
                throw e;
            } finally {
                mergedAt = Instant.now();
            }
            LOG.debugf("the stream merged %,d pages of the read model's pending index entries", merged);
        }
    }

    private boolean paused() throws SQLException {
        return ledger.state().map(s -> "paused".equals(s.status())).orElse(false);
    }

    /** Writes what the stream is doing when it changed, or when the heartbeat is due. */
    private void say(String status, String reason) throws SQLException {
        say(status, reason, null);
    }

    private void say(String status, String reason, Long session) throws SQLException {
        boolean same = status.equals(saidStatus) && Objects.equals(reason, saidReason);
        if (same && session == null && !heartbeatDue()) {
            return;
        }
        if (!same) {
            LOG.infof("stream %s%s", status, reason == null ? "" : ": " + reason);
        }
        ledger.status(replication.slotName(), status, reason, deltas.period().orElse(null), session);
        saidStatus = status;
        saidReason = reason;
        saidAt = Instant.now();
    }

    private void heartbeat() throws SQLException {
        if (saidStatus != null && heartbeatDue()) {
            say(saidStatus, saidReason);
        }
    }

    private boolean heartbeatDue() {
        return Instant.now().isAfter(saidAt.plus(HEARTBEAT));
    }

    /** Whether this process consumes the stream: it holds the stream's lock, so no other migrator of this target does. */
    boolean consumes() {
        return streamLock != null;
    }

    /** Stops the engine of this process, if it runs; it is started again at the next attempt. */
    void stopEngine(String why) {
        stopRequested = true;
        ChangeStreamEngine running = engine;
        if (running != null) {
            LOG.infof("stopping the stream: %s", why);
            running.stop();
            engine = null;
        }
    }

    private void releaseStreamLock() {
        MigrationLock.Held held = streamLock;
        streamLock = null;
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                LOG.debugf("closing the stream's lock: %s", e.getMessage());
            }
        }
    }
}
