package org.moderation.bi.shared.alerts;

import java.time.Instant;

/**
 * One change of an alert rule's state, as the evaluator recorded it: a rule fired when {@code to} is {@code firing},
 * and resolved at the next transition out of it.
 *
 * @param from             the state before (null: the rule's first evaluation)
 * @param to               the state entered
 * @param at               when the evaluator saw the change
 * @param value            the metric's value at that evaluation (null: none)
 * @param readModelVersion the read-model version of the snapshot the value was read in
 * @param drillDown        the API path that lists the submissions behind the value
 * @param message          why, in words
 */
public record AlertTransition(String rule, int version, String severity, String scope, String from, String to,
        Instant at, Double value, Double threshold, Long readModelVersion, String drillDown, String message) {
}
