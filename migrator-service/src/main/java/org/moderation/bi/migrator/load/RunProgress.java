package org.moderation.bi.migrator.load;

import java.time.Duration;

import org.jboss.logging.Logger;

/** Tracks a running load and logs rows read/written, rate and time left at most once per interval. */
final class RunProgress {

    private static final Logger LOG = Logger.getLogger(RunProgress.class);

    private final long runId;
    private final long total;
    private final Duration interval;
    private final long startNanos = System.nanoTime();
    private long lastLogNanos = startNanos;
    private long read;
    private long written;
    private long quarantined;

    RunProgress(long runId, long total, Duration interval) {
        this.runId = runId;
        this.total = total;
        this.interval = interval;
    }

    void add(ChunkCommitter.ChunkCounts counts) {
        read += counts.read();
        written += counts.written();
        quarantined += counts.quarantined();
        long now = System.nanoTime();
        if (now - lastLogNanos >= interval.toNanos()) {
            lastLogNanos = now;
            LOG.info(line());
        }
    }

    long written() {
        return written;
    }

    long quarantined() {
        return quarantined;
    }

    String line() {
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
        double rate = read / seconds;
        long left = Math.max(total - read, 0);
        String eta = rate > 0 ? Duration.ofSeconds(Math.round(left / rate)).toString().substring(2).toLowerCase() : "?";
        return String.format("run %d: %,d of ~%,d posts read, %,d written, %,d quarantined, %,.0f posts/s, ~%s left",
                runId, read, total, written, quarantined, rate, eta);
    }
}
