package org.moderation.bi.migrator.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;

import org.moderation.bi.migrator.persistence.StreamLedger;

/**
 * Gathers the connector's records into legacy transactions and hands them over in commit order: whole transactions,
 * several to one target transaction (up to the chunk size in posts), or a transaction too large for one chunk in
 * chunks of it. A record is marked processed (so the connector may acknowledge it to the legacy server) only once
 * what it belongs to is committed in the target; one that the target's position already covers (delivered again
 * after a crash) is skipped.
 */
final class ChangeBatches implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    /** Writes what it is given in one target transaction (under the write lock), or throws. */
    interface Applier {
        /**
         * @param transactions whole transactions, in commit order, none already applied
         * @param chunk        or null: a chunk of the transaction in progress, after them
         * @return the position after them
         */
        StreamLedger.Position apply(List<LegacyTransaction> transactions, LegacyTransaction chunk,
                StreamLedger.Position before) throws Exception;
    }

    private record Ready(LegacyTransaction transaction, RecordChangeEvent<SourceRecord> end) {
    }

    private final Applier applier;
    private final int chunkSize;
    private final int maxTransactions;
    private final List<Ready> ready = new ArrayList<>();
    private StreamLedger.Position position;
    private LegacyTransaction open;
    private volatile Instant oldestWaiting;

    ChangeBatches(Applier applier, StreamLedger.Position position, int chunkSize, int maxTransactions) {
        this.applier = applier;
        this.position = position;
        this.chunkSize = chunkSize;
        this.maxTransactions = maxTransactions;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        for (RecordChangeEvent<SourceRecord> event : records) {
            switch (LegacyChange.of(event.record())) {
                case LegacyChange.Begin begin -> open = new LegacyTransaction(begin.txId(), begin.committedAt());
                case LegacyChange.Row row -> {
                    LegacyTransaction transaction = opened(row.txId(), null);
                    if (!position.appliedWithin(row.txId(), row.lsn())) {
                        transaction.add(row);
                    }
                    if (transaction.size() >= chunkSize) {
                        applyReady(committer);
                        applyChunk(transaction.takeChunk(), event, committer);
                    }
                }
                case LegacyChange.End end -> {
                    LegacyTransaction transaction = opened(end.txId(), end.committedAt());
                    transaction.end(end);
                    open = null;
                    if (position.applied(end.commitLsn())) {
                        if (ready.isEmpty()) {
                            committer.markProcessed(event);
                        }
                    } else {
                        ready.add(new Ready(transaction, event));
                        noteWaiting(transaction.committedAt);
                        if (ready.size() >= maxTransactions || readyPosts() >= chunkSize) {
                            applyReady(committer);
                        }
                    }
                }
                case LegacyChange.Other other -> {
                    // A heartbeat: it may move the acknowledged position only where nothing waits before it.
                    if (ready.isEmpty() && open == null) {
                        committer.markProcessed(event);
                    }
                }
            }
        }
        applyReady(committer);
        committer.markBatchFinished();
    }

    /** The commit time of the oldest legacy transaction received and not yet applied, if any. */
    Instant oldestWaiting() {
        return oldestWaiting;
    }

    /** The transaction {@code txId} as it is being received (one whose beginning was not seen starts here). */
    private LegacyTransaction opened(long txId, Instant committedAt) {
        if (open == null || open.txId != txId) {
            open = new LegacyTransaction(txId, committedAt);
        }
        return open;
    }

    private int readyPosts() {
        return ready.stream().mapToInt(r -> r.transaction().size()).sum();
    }

    private void applyReady(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (ready.isEmpty()) {
            return;
        }
        apply(ready.stream().map(Ready::transaction).toList(), null);
        for (Ready applied : ready) {
            committer.markProcessed(applied.end());
        }
        ready.clear();
        oldestWaiting = open == null ? null : open.committedAt;
    }

    private void applyChunk(LegacyTransaction chunk, RecordChangeEvent<SourceRecord> last,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        noteWaiting(chunk.committedAt);
        apply(List.of(), chunk);
        // Its offset still names the previous transaction's commit: the legacy server keeps this one until its end.
        committer.markProcessed(last);
    }

    private void apply(List<LegacyTransaction> transactions, LegacyTransaction chunk) throws InterruptedException {
        try {
            position = applier.apply(transactions, chunk, position);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // The engine stops; nothing after the last committed batch was acknowledged, so it comes again.
            throw new StreamBatchFailed(e);
        }
    }

    private void noteWaiting(Instant committedAt) {
        if (oldestWaiting == null) {
            oldestWaiting = committedAt == null ? Instant.now() : committedAt;
        }
    }

    /** A batch could not be applied: the engine stops with this as its cause. */
    static final class StreamBatchFailed extends RuntimeException {
        StreamBatchFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
