package org.moderation.bi.shared.alerts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.moderation.bi.shared.metrics.Filter;

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
 * @param evaluateImmature for a metric with a horizon (removal_rate: within 14 days of submission): true judges the
 *                      window as it is, although its submissions are younger than the horizon and its value can
 *                      still rise; null or false (the default) judges the latest window of the same length whose
 *                      submissions are all the horizon old. Left out of the JSON when null, so rules without it keep
 *                      their hashes.
 * @param filters       only the submissions that have these values, all of them (each {@code eq} on a dimension of
 *                      {@link AlertRuleValidator#FILTER_COLUMNS}, each column once): "more than 50 new submissions
 *                      with #x in 24 hours". Empty: every submission of the communities. Left out of the JSON when
 *                      empty, so rules without them keep their hashes.
 */
public record AlertRuleDefinition(String key, String name, String summary, AlertMetric metric, AlertWindow window,
        List<String> communities, AlertCondition condition, Double minimumCount, String forDuration,
        String severity, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean evaluateImmature,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Filter> filters) {

    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    public AlertRuleDefinition {
        communities = communities == null ? List.of() : communities;
        // Not copied: a null inside is the validator's to name, with its path.
        filters = filters == null ? List.of() : filters;
    }

    /** A rule over every submission of its communities. */
    public AlertRuleDefinition(String key, String name, String summary, AlertMetric metric, AlertWindow window,
            List<String> communities, AlertCondition condition, Double minimumCount, String forDuration,
            String severity, Boolean evaluateImmature) {
        this(key, name, summary, metric, window, communities, condition, minimumCount, forDuration, severity,
                evaluateImmature, List.of());
    }

    /** A rule that judges only mature windows of a metric with a horizon. */
    public AlertRuleDefinition(String key, String name, String summary, AlertMetric metric, AlertWindow window,
            List<String> communities, AlertCondition condition, Double minimumCount, String forDuration,
            String severity) {
        this(key, name, summary, metric, window, communities, condition, minimumCount, forDuration, severity, null,
                List.of());
    }

    /** Whether the rule judges windows younger than its metric's horizon. */
    public boolean judgesImmatureWindows() {
        return Boolean.TRUE.equals(evaluateImmature);
    }

    /** A metric's key, and its version (null: the latest published). */
    public record AlertMetric(String key, Integer version) {
    }
}
