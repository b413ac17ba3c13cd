package org.moderation.bi.shared.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics that reproduce the overview's numbers, written in the metric language. The catalog publishes them
 * as version 1 at its first start, so a catalog metric and {@code /api/v1/overview} can be checked against each other.
 */
public final class BuiltInMetrics {

    /** The version the catalog publishes them as, and the dashboards compute them from. */
    public static final int VERSION = 1;

    /**
     * The grains a catalog query may ask of them. Not hour: a built-in's definition, and so its hash, is what every
     * catalog seeded it as; a change would make the dashboards name a v1 that those catalogs do not hold. (The
     * dashboard's own time series offer hours over the hourly rollup whatever the grains say.)
     */
    private static final List<String> GRAINS = List.of("day", "week", "month");
    private static final List<String> DIMENSIONS = List.of("community", "platform", "platform_detail", "takedown_source");

    public static final MetricDefinition SUBMISSIONS = simple("submissions", "Submissions",
            "Submissions submitted in the window (legacy created_at), soft-deleted ones excluded.",
            "count", new Measure("count", null, "submitted_at", List.of()), List.of());

    public static final MetricDefinition REMOVALS = simple("removals", "Removals",
            "Submissions whose effective takedown time (earliest report takedown, else the legacy removed_at) "
                    + "falls in the window.",
            "count", new Measure("count", null, "effective_takedown_at", List.of()), List.of());

    public static final MetricDefinition REMOVAL_RATE = new MetricDefinition("removal_rate", "Removal rate",
            "Among submissions submitted in the window, the share that have an effective takedown time up to now. "
                    + "Summed numerator over summed denominator, never an average of rates.",
            "ratio", "ratio", null,
            new Measure("count", null, "submitted_at", List.of(new Filter("taken_down", "eq", true, null))),
            new Measure("count", null, "submitted_at", List.of()), null, GRAINS, DIMENSIONS, List.of());

    public static final MetricDefinition REMOVALS_BY_SOURCE = simple("removals_by_source", "Removals by takedown source",
            "Removals in the window split by where their effective takedown time came from: report_flow (a report's "
                    + "taken_down_at) or legacy_fallback (the legacy removed_at).",
            "count", new Measure("count", null, "effective_takedown_at", List.of()), List.of("takedown_source"));

    public static final MetricDefinition MEDIAN_TIME_TO_TAKEDOWN = simple("median_time_to_takedown",
            "Median time to takedown",
            "For the removals in the window, the median time from submission to effective takedown, in seconds.",
            "duration", new Measure("median", "time_to_takedown", "effective_takedown_at", List.of()), List.of());

    /** The values of the takedown_source dimension: where an effective takedown time came from. */
    public static final List<String> TAKEDOWN_SOURCES = List.of("report_flow", "legacy_fallback");

    public static final List<MetricDefinition> ALL =
            List.of(SUBMISSIONS, REMOVALS, REMOVAL_RATE, REMOVALS_BY_SOURCE, MEDIAN_TIME_TO_TAKEDOWN);

    private BuiltInMetrics() {
    }

    /** Removals by source's measure for one value of its breakdown: its breakdown taken as a filter. */
    public static Measure removalsFrom(String takedownSource) {
        Measure removals = REMOVALS_BY_SOURCE.measure();
        var filters = new ArrayList<>(removals.filters());
        filters.add(new Filter(Column.TAKEDOWN_SOURCE.jsonName(), "eq", takedownSource, null));
        return new Measure(removals.aggregation(), removals.column(), removals.time(), filters);
    }

    private static MetricDefinition simple(String key, String name, String description, String unit, Measure measure,
            List<String> breakdown) {
        return new MetricDefinition(key, name, description, "simple", unit, measure, null, null, null, GRAINS,
                DIMENSIONS, breakdown);
    }
}
