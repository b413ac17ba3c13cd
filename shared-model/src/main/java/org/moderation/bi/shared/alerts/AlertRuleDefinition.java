package org.moderation.bi.shared.alerts;

import java.util.List;

/**
 * A rule that watches a published metric: "tell me when the removal rate in my communities falls under 20 % this
 * week". Kept in the catalog in versions, like a metric or a dashboard; JSON, never SQL; evaluated by bi-service through
 * the metric engine, the same numbers the page shows.
 *
 * @param metric        the metric watched: its key, pinned to {@code version} or following the latest published one
 *                      when {@code version} is null
 * @param window        the window the metric is computed over
 * @param communities   the community slugs the rule watches, all of them together; empty: everything in the scope
 *                      of whoever evaluates it as the rule's owner (a superadmin: every community)
 * @param condition     when the rule fires
 * @param minimumCount  the value is judged only when the metric counted at least this many rows (a ratio: its
 *                      denominator), so that 1 removal of 2 submissions is not a "50 % removal rate"; null: no minimum
 * @param forDuration   how long the condition must hold before the rule fires, ISO-8601 ({@code PT30M}); null or
 *                      {@code PT0S}: at once (Prometheus' {@code for})
 * @param severity      {@code info}, {@code warning} or {@code critical}
 * @param summary       what a person reads in the alert, in words
 */
public record AlertRuleDefinition(String key, String name, String summary, AlertMetric metric, AlertWindow window,
        List<String> communities, AlertCondition condition, Double minimumCount, String forDuration,
        String severity) {

    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    public AlertRuleDefinition {
        communities = communities == null ? List.of() : communities;
    }

    /** A metric's key, and its version (null: the latest published). */
    public record AlertMetric(String key, Integer version) {
    }
}
