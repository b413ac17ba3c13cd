package org.moderation.bi.engine.plan;

import java.time.Instant;

/** A piece [from, to) of a window, read from a pre-aggregation, or from the facts where {@code source} is null. */
public record Segment(PreAggregation source, Instant from, Instant to) {

    public boolean facts() {
        return source == null;
    }

    /** How many buckets of its pre-aggregation it reads (its ends are their edges); none from the facts. */
    public long buckets() {
        if (facts()) {
            return 0;
        }
        return source.unit().between(from, to);
    }
}
