package org.moderation.bi.dashboard.rest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Work a replica runs only so many of at once, in all and per caller (token subject), and that a caller may start
 * only so many of a minute, so that no one person holds every slot or keeps the database busy by starting one after
 * another: past any of them a request is refused with a 429 and Retry-After, never queued.
 */
public final class CallerSlots {

    /** Callers whose minute is remembered at most; one that has not started anything for a minute is forgotten. */
    private static final int CALLERS_REMEMBERED = 100_000;

    private final String what;
    private final String code;
    private final int perCaller;
    private final int overall;
    private final int perCallerAMinute;
    private final Duration retryAfter;
    private final Map<String, Integer> byCaller = new HashMap<>();
    private final Map<String, Bucket> startsByCaller = Caffeine.newBuilder().maximumSize(CALLERS_REMEMBERED)
            .expireAfterAccess(Duration.ofMinutes(1)).<String, Bucket>build().asMap();
    private int running;

    /**
     * @param what             the work, plural, as the refusal names it ("exports")
     * @param code             the refusal's error code
     * @param perCallerAMinute how many one caller may start in any minute (refilled evenly through it)
     */
    public CallerSlots(String what, String code, int perCaller, int overall, int perCallerAMinute,
            Duration retryAfter) {
        this.what = what;
        this.code = code;
        this.perCaller = perCaller;
        this.overall = overall;
        this.perCallerAMinute = perCallerAMinute;
        this.retryAfter = retryAfter;
    }

    /** @throws TooManyAtOnce when the caller or the replica already runs as many as it may, or the caller started
     *                       as many as they may this minute */
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
        ConsumptionProbe started = startsByCaller.computeIfAbsent(caller, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perCallerAMinute).refillGreedy(perCallerAMinute, Duration.ofMinutes(1)))
                .build()).tryConsumeAndReturnRemaining(1);
        if (!started.isConsumed()) {
            Duration wait = Duration.ofNanos(started.getNanosToWaitForRefill()).plusSeconds(1);
            throw new TooManyAtOnce(code, "you started " + perCallerAMinute + " " + what + " within a minute, as many "
                    + "as one caller may; retry in " + wait.toSeconds() + " s", wait);
        }
        byCaller.put(caller, callers + 1);
        running++;
    }

    public synchronized void release(String caller) {
        byCaller.computeIfPresent(caller, (key, count) -> count == 1 ? null : count - 1);
        running--;
    }
}
