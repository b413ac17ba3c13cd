package org.moderation.bi.shared.alerts;

/**
 * When a rule fires.
 * <ul>
 * <li>{@code above} / {@code below}: the value is above (below) {@code threshold};</li>
 * <li>{@code change_above} / {@code change_below}: the change against the window {@code periodsBack} windows
 * earlier (1: the one just before) is above (below) {@code threshold}, as an {@code absolute} difference or a
 * {@code relative} one (a fraction of the earlier value: 2.0 is "three times", −0.5 "halved");</li>
 * <li>{@code no_data}: the metric has no value (a ratio without denominator) or counted less than the rule's
 * minimum.</li>
 * </ul>
 * A threshold is in the metric's unit: a fraction of 1 for {@code ratio} and {@code percent} (0.2 is 20 %), seconds for
 * {@code duration}.
 */
public record AlertCondition(String type, Double threshold, Integer periodsBack, String change) {

    public static final String ABOVE = "above";
    public static final String BELOW = "below";
    public static final String CHANGE_ABOVE = "change_above";
    public static final String CHANGE_BELOW = "change_below";
    public static final String NO_DATA = "no_data";
    public static final String ABSOLUTE = "absolute";
    public static final String RELATIVE = "relative";
}
