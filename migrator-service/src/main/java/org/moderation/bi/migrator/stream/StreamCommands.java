package org.moderation.bi.migrator.stream;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.DeltaSchedule;
import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacyReplication;
import org.moderation.bi.migrator.persistence.MigrationLock;
import org.moderation.bi.migrator.persistence.StreamLedger;
import org.moderation.bi.shared.api.migration.StreamView;

/**
 * What an operator does with the stream, from the admin API or the command line: look at it, pause it and resume it
 * (also after the deletion guard paused it), and drop or recreate its slot. Only these drop or recreate a slot; a recreated slot has
 * lost the changes committed while there was none, so the stream is not called live again until a run that started
 * later has reconciled the target.
 */
@ApplicationScoped
public class StreamCommands {

    /** The slot is streamed from by a process this one cannot stop. */
    public static class SlotInUse extends RuntimeException {
        public SlotInUse(String message) {
            super(message);
        }
    }

    private final LegacyStream stream;
    private final LegacyReplication replication;
    private final StreamLedger ledger;
    private final MigrationLock lock;
    private final AgroalDataSource target;
    private final MigratorConfig config;
    private final DeltaSchedule deltas;

    public StreamCommands(LegacyStream stream, LegacyReplication replication, StreamLedger ledger, MigrationLock lock,
            AgroalDataSource target, MigratorConfig config, DeltaSchedule deltas) {
        this.stream = stream;
        this.replication = replication;
        this.ledger = ledger;
        this.lock = lock;
        this.target = target;
        this.config = config;
        this.deltas = deltas;
    }

    public StreamView view() throws SQLException {
        Optional<StreamLedger.State> state = ledger.state();
        StreamView.SlotView slotView = slotView();
        if (state.isEmpty()) {
            return new StreamView(config.stream().enabled(), "stopped", "no migrator service has said yet how it "
                    + "follows the legacy database", null, null, false, null, replication.slotName(), null, null, null,
                    null, slotView, null, null, 0, 0, false, null);
        }
        StreamLedger.State s = state.get();
        Freshness freshness = freshness();
        return new StreamView(config.stream().enabled(), s.status(), s.reason(), s.statusSince(), s.heartbeatAt(),
                freshness.live(), freshness.label(), s.slot(), s.commitLsn(), s.lastCommitAt(), s.appliedAt(),
                stream.secondsBehind().orElse(null), slotView, s.slotCreatedAt(), s.unverifiedSince(),
                s.deletionsSinceRun(), s.reportsGoneSinceRun(), s.massDeleteAllowed(), s.sessionRunId());
    }

    /** The slot as the legacy server holds it; null when the legacy database does not answer. */
    private StreamView.SlotView slotView() {
        try {
            return replication.slot().map(s -> new StreamView.SlotView(true, s.active(), s.behindBytes(),
                    s.retainedBytes(), s.walStatus(), s.safeWalBytes()))
                    .orElse(new StreamView.SlotView(false, false, 0, 0, null, null));
        } catch (SQLException e) {
            return null;
        }
    }

    /** The freshness every reader shows ({@code stream_freshness}, one rule for the migrator and the pages). */
    record Freshness(boolean live, String label) {
    }

    private Freshness freshness() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT live, freshness FROM stream_freshness")) {
            return rows.next() ? new Freshness(rows.getBoolean(1), rows.getString(2)) : new Freshness(false, null);
        }
    }

    /** Stops the stream until a person resumes it (maintenance on the legacy database); scheduled deltas poll. */
    public StreamView pause() throws SQLException {
        stream.stopEngine("an operator paused it");
        ledger.status(replication.slotName(), "paused", "paused by an operator: resume it with migrator stream "
                + "resume (POST /api/v1/stream/resume)", deltas.period().orElse(null), null);
        return view();
    }

    /**
     * After the deletion guard (or an operator) paused the stream: it starts again; with {@code allowMassDelete}, the
     * deletions the guard refused are applied (a real clean-up), and more until the next completed run.
     */
    public StreamView resume(boolean allowMassDelete) throws SQLException {
        if (allowMassDelete) {
            ledger.allowMassDelete();
        }
        ledger.status(replication.slotName(), "starting", "resumed by an operator"
                + (allowMassDelete ? ", deletions allowed" : ""), deltas.period().orElse(null), null);
        stream.startSoon();
        return view();
    }

    /**
     * Drops the slot if there is one and creates it again: the stream starts from now, and is not live until a run
     * that starts later has reconciled the target (the next scheduled delta does).
     *
     * @return when the new slot was created
     */
    public OffsetDateTime recreateSlot() throws SQLException {
        try (MigrationLock.Held held = stopAndLock()) {
            dropUnlessStreamedElsewhere();
            stream.createSlot();
        }
        stream.startSoon();
        return ledger.state().orElseThrow().unverifiedSince();
    }

    /** Drops the slot, releasing the WAL it keeps; streaming stays off until it is recreated. */
    public boolean dropSlot() throws SQLException {
        boolean dropped;
        try (MigrationLock.Held held = stopAndLock()) {
            dropped = dropUnlessStreamedElsewhere();
            ledger.status(replication.slotName(), "stopped", "the slot was dropped by an operator: scheduled deltas "
                    + "poll until it is recreated (migrator stream recreate-slot); set migrator.stream.enabled=false to "
                    + "stop streaming for good", deltas.period().orElse(null), null);
        }
        return dropped;
    }

    /** No run in progress, and this process's engine stopped: nothing uses the slot from this target. */
    private MigrationLock.Held stopAndLock() throws SQLException {
        stream.stopEngine("an operator changes the slot");
        return lock.acquire();
    }

    private boolean dropUnlessStreamedElsewhere() throws SQLException {
        Optional<LegacyReplication.Slot> slot = replication.slot();
        if (slot.isPresent() && slot.get().active() && stream.consumes()) {
            // This process holds the stream's lock: the consumer is its own engine's, gone but not yet noticed.
            replication.endConsumer();
            slot = replication.slot();
        }
        if (slot.isPresent() && slot.get().active()) {
            throw new SlotInUse("the slot " + replication.slotName() + " is streamed from by another process (a "
                    + "migrator service, another replica): change it through that service's admin API "
                    + "(/api/v1/stream/slot), or stop it first");
        }
        return slot.isPresent() && replication.dropSlot();
    }
}
