package org.moderation.bi.dashboard.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A half-open window [from, to) in absolute time. */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /** Both ends at midnight UTC: the window is made of whole days of the daily rollup. */
    public boolean wholeUtcDays() {
        return from.equals(from.truncatedTo(ChronoUnit.DAYS)) && to.equals(to.truncatedTo(ChronoUnit.DAYS));
    }
}
