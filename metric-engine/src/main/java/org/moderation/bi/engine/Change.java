package org.moderation.bi.engine;

/**
 * A value beside the one it is compared with: the earlier value (null: none), the difference in the metric's unit
 * ({@code absolute}: a rate's in points of its fraction) and relative to the earlier value's size ({@code relative},
 * 0.25: a quarter more). Both are null where either value is missing; {@code relative} also where the earlier is 0.
 * The one place a change between two numbers is worked out.
 */
public record Change(Double before, Double absolute, Double relative) {

    public static Change between(Double now, Double before) {
        if (now == null || before == null) {
            return new Change(before, null, null);
        }
        double absolute = now - before;
        return new Change(before, absolute, before == 0 ? null : absolute / Math.abs(before));
    }
}
