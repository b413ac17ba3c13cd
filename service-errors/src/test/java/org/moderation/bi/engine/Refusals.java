package org.moderation.bi.engine;

import java.time.Duration;

/** The engine's refusals as it makes them (its factories are its own package's): one of each reason. */
public final class Refusals {

    private Refusals() {
    }

    public static Refused of(Refused.Reason reason) {
        return switch (reason) {
            case TIMED_OUT -> Refused.timedOut(Duration.ofMillis(1_500));
            case TOO_MANY_ROWS -> Refused.tooManyRows(10_000);
            case TOO_DEEP -> Refused.tooDeep();
        };
    }
}
