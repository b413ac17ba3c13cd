package org.moderation.bi.dashboard.readmodel;

import java.time.Instant;

/** A half-open window [from, to) in absolute time. */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
