package org.moderation.bi.shared.metrics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A metric as admins write it: JSON, never SQL. {@code type} decides which parts are used: {@code simple} a
 * {@code measure}; {@code ratio} a {@code numerator} and a {@code denominator}, each summed on its own and divided
 * afterwards; {@code derived} an {@code expression} over other metrics. {@code grains} and {@code dimensions} list
 * what a query may ask for; {@code breakdown} dimensions are always grouped by (e.g. removals by source).
 * {@code horizon} (ISO-8601, {@code P14D}) makes a ratio over a submission cohort count only what happened within that
 * long of each submission ({@link Horizon}); left out of the JSON when there is none, so that a definition without one
 * keeps the hash it always had.
 */
public record MetricDefinition(String key, String name, String description, String type, String unit,
        Measure measure, Measure numerator, Measure denominator, Expression expression,
        List<String> grains, List<String> dimensions, List<String> breakdown,
        @JsonInclude(JsonInclude.Include.NON_NULL) String horizon) {

    public MetricDefinition {
        grains = grains == null ? List.of() : grains;
        dimensions = dimensions == null ? List.of() : dimensions;
        breakdown = breakdown == null ? List.of() : breakdown;
    }

    /** A definition without a horizon. */
    public MetricDefinition(String key, String name, String description, String type, String unit, Measure measure,
            Measure numerator, Measure denominator, Expression expression, List<String> grains,
            List<String> dimensions, List<String> breakdown) {
        this(key, name, description, type, unit, measure, numerator, denominator, expression, grains, dimensions,
                breakdown, null);
    }

    /** The keys of other metrics this one is computed from (derived metrics only). */
    public List<String> references() {
        var keys = new java.util.ArrayList<String>();
        collect(expression, keys, 0);
        return keys;
    }

    private static void collect(Expression expression, List<String> keys, int depth) {
        if (expression == null || depth > MetricValidator.MAX_EXPRESSION_DEPTH) {
            return;
        }
        if (expression.metric() != null) {
            keys.add(expression.metric());
        }
        if (expression.args() != null) {
            expression.args().forEach(arg -> collect(arg, keys, depth + 1));
        }
    }
}
