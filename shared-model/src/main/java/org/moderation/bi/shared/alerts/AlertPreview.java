package org.moderation.bi.shared.alerts;

import java.time.Instant;
import java.util.List;

/**
 * How often a rule would have fired: the rule evaluated once a day, at the last minute of each of the last days (the
 * latest at the minute under way), through the metric engine in one snapshot of today's read model, as the evaluator
 * judges it (its minimum count and {@code for} duration too, at that daily step).
 *
 * @param firings           how many times the rule entered {@code firing}
 * @param firingEvaluations at how many of the evaluations it was firing
 * @param readModelVersion  the read-model version of the snapshot every value was read in
 * @param points            each evaluation, oldest first
 */
public record AlertPreview(String rule, int days, int firings, int firingEvaluations, Long readModelVersion,
        List<Point> points) {

    /** One evaluation: its instant, the values read, the state the evaluator would have shown, and why. */
    public record Point(Instant at, Double value, Double compared, String state, String message) {
    }
}
