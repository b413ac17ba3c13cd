package org.moderation.bi.dashboard.rest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Work a replica runs only so many of at once, in all and per caller (token subject), so that no one person holds
 * every slot: past either cap a request is refused with a 429 and Retry-After, never queued.
 */
public final class CallerSlots {

    private final String what;
    private final String code;
    private final int perCaller;
    private final int overall;
    private final Duration retryAfter;
    private final Map<String, Integer> byCaller = new HashMap<>();
    private int running;

    /**
     * @param what the work, plural, as the refusal names it ("exports")
     * @param code the refusal's error code
     */
    public CallerSlots(String what, String code, int perCaller, int overall, Duration retryAfter) {
        this.what = what;
        this.code = code;
        this.perCaller = perCaller;
        this.overall = overall;
        this.retryAfter = retryAfter;
    }

    /** @throws TooManyAtOnce when the caller or the replica already runs as many as it may */
    public synchronized void take(String caller) {
        int callers = byCaller.getOrDefault(caller, 0);
        if (callers >= perCaller) {
            throw new TooManyAtOnce(code, "you already have " + callers + " " + what + " running, as many as one "
                    + "caller may; retry once one of them has finished", retryAfter);
        }
        if (running >= overall) {
            throw new TooManyAtOnce(code, "the service is running as many " + what + " as it may (" + overall
                    + "); retry in a moment", retryAfter);
        }
        byCaller.put(caller, callers + 1);
        running++;
    }

    public synchronized void release(String caller) {
        byCaller.computeIfPresent(caller, (key, count) -> count == 1 ? null : count - 1);
        running--;
    }
}
