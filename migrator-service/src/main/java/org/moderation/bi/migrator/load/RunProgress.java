package org.moderation.bi.migrator.load;

import java.time.Duration;
import java.util.Collection;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.persistence.ChunkCounts;

/**
 * Tracks a running load: logs posts read/written, rate and time left at most once per interval, and remembers which
 * legacy posts the run changed, for the validation of what it changed. Writers of a bulk load add to it at once.
 */
public final class RunProgress {

    private static final Logger LOG = Logger.getLogger(RunProgress.class);

    private final long runId;
    private final Duration interval;
    private final long startNanos = System.nanoTime();
    private final NavigableSet<Long> changed = new TreeSet<>();
    private long total;
    private long lastLogNanos = startNanos;
    private ChunkCounts counts = ChunkCounts.NONE;

    public RunProgress(long runId, long total, Duration interval) {
        this.runId = runId;
        this.total = total;
        this.interval = interval;
    }

    synchronized void add(ChunkCounts chunk, Collection<Long> changedLegacyIds) {
        counts = counts.plus(chunk);
        total = Math.max(total, counts.read());
        changed.addAll(changedLegacyIds);
        long now = System.nanoTime();
        if (now - lastLogNanos >= interval.toNanos()) {
            lastLogNanos = now;
            LOG.info(line());
        }
    }

    /** More posts to look at than planned. */
    synchronized void found(long posts) {
        total += posts;
    }

    public synchronized ChunkCounts counts() {
        return counts;
    }

    /** Legacy posts this run wrote, quarantined or soft-deleted. */
    public synchronized NavigableSet<Long> changedLegacyIds() {
        return changed;
    }

    public synchronized String line() {
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
        double rate = counts.read() / seconds;
        long left = Math.max(total - counts.read(), 0);
        String eta = rate > 0 ? Duration.ofSeconds(Math.round(left / rate)).toString().substring(2).toLowerCase() : "?";
        return String.format("run %d: %,d of ~%,d posts read (%,d written of which %,d restored, %,d unchanged, "
                        + "%,d quarantined, %,d soft-deleted), %,.0f posts/s, ~%s left", runId, counts.read(), total,
                counts.written(), counts.restored(), counts.unchanged(), counts.quarantined(), counts.softDeleted(),
                rate, eta);
    }
}
