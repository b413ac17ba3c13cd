package org.moderation.bi.engine;

import java.util.Map;

import org.moderation.bi.shared.metrics.Column;

/**
 * What the values of an answer are compared with: the same question over an earlier window [from, to), read in the
 * same snapshot, so that a change is never one of data that moved between two reads. See
 * {@link MetricEngine#compare}.
 */
public final class Compared {

    /** The earlier value of a metric's group in a grouping set (null: none to compare with). */
    @FunctionalInterface
    interface Before {
        Double of(ResolvedMetric metric, int grouping, Map<Column, String> group);
    }

    private final Before before;
    private final int size;

    Compared(Before before, int size) {
        this.before = before;
        this.size = size;
    }

    /** {@code value} of {@code metric} (unbucketed, from the answer compared) beside its earlier value. */
    public Change of(ResolvedMetric metric, Answer.Value value) {
        return Change.between(value.value(), before.of(metric, value.grouping(), value.group()));
    }

    /** How many values were read for the comparison (what keeping it costs). */
    public int size() {
        return size;
    }
}
