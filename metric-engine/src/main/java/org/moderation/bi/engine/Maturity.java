package org.moderation.bi.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the cohort behind a value of a metric with a horizon ({@code Horizon}) is complete: the submissions of a
 * window or bucket that ends at {@code cohortEnd} have all had the horizon once it is {@code cohortEnd + horizon}.
 * Until then the value can still rise: it is immature, and comparisons and alert rules do not take it as complete.
 * Decided here, as of the clock of whoever shows the value (an answer may be kept for minutes).
 */
public record Maturity(Duration horizon, Instant maturesAt) {

    /** The maturity of a cohort ending at {@code cohortEnd}; null for a metric without a horizon. */
    public static Maturity of(Duration horizon, Instant cohortEnd) {
        return horizon == null ? null : new Maturity(horizon, cohortEnd.plus(horizon));
    }

    public boolean mature(Instant now) {
        return !now.isBefore(maturesAt);
    }

    /** The latest end of a window whose cohort is mature at {@code now}. */
    public static Instant matureUntil(Duration horizon, Instant now) {
        return now.minus(horizon);
    }
}
