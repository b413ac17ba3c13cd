package org.moderation.bi.dashboard.export;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.config.BiConfig;

/**
 * How many exports run at once, per caller and in all. An export counts from before it spools until its download
 * has ended, so slow readers use up slots, never pool connections.
 */
@ApplicationScoped
public class ExportSlots {

    private final BiConfig.Exports limits;
    private final Map<String, Integer> byCaller = new HashMap<>();
    private int running;

    public ExportSlots(BiConfig config) {
        this.limits = config.exports();
    }

    /** @throws TooManyExports when the caller or the service already runs as many exports as it may */
    public synchronized void take(String caller) {
        int callers = byCaller.getOrDefault(caller, 0);
        if (callers >= limits.perCaller()) {
            throw new TooManyExports("you already have " + callers + " exports running, as many as one caller may; "
                    + "retry once one of them has finished downloading", limits.retryAfter());
        }
        if (running >= limits.overall()) {
            throw new TooManyExports("the service is running as many exports as it may (" + limits.overall()
                    + "); retry in a moment", limits.retryAfter());
        }
        byCaller.put(caller, callers + 1);
        running++;
    }

    public synchronized void release(String caller) {
        byCaller.computeIfPresent(caller, (key, count) -> count == 1 ? null : count - 1);
        running--;
    }
}
