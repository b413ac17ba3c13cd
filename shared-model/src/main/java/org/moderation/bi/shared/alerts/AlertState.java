package org.moderation.bi.shared.alerts;

import java.time.Instant;

/**
 * A rule's state as bi-service last evaluated it, for one scope.
 *
 * @param state        {@code ok}, {@code pending} (the condition holds, not yet for the rule's duration),
 *                     {@code firing}, {@code no_data}, {@code stale} (the read model is older than its freshness
 *                     threshold: never "ok" on old data) or {@code error}
 * @param value        the metric's value over the rule's window (null: none)
 * @param compared     the earlier window's value, for a change condition
 * @param since        when the rule entered this state
 * @param evaluatedAt  when it was last evaluated
 * @param readModelVersion the read-model version of the snapshot the value was read in
 * @param drillDown    the API path that lists the submissions behind the value
 * @param message      why, in words (the threshold crossed, the error, the stale data)
 */
public record AlertState(String rule, int version, String severity, String scope, String state, Double value,
        Double compared, Double threshold, Instant since, Instant evaluatedAt, Long readModelVersion,
        String drillDown, String message) {

    public static final String OK = "ok";
    public static final String PENDING = "pending";
    public static final String FIRING = "firing";
    public static final String NO_DATA = "no_data";
    public static final String STALE = "stale";
    public static final String ERROR = "error";
}
