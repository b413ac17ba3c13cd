package org.moderation.bi.shared.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.moderation.bi.shared.catalog.SeededVersion;

/**
 * The metrics that reproduce the overview's numbers, written in the metric language. The catalog publishes each at
 * its version ({@link #SEEDED}) when it starts without it, so a catalog metric and {@code /api/v1/overview} can be
 * checked against each other. A published version never changes: a built-in that changes is a new version of its key.
 */
public final class BuiltInMetrics {

    /**
     * The horizon of the built-in removal rate. Chosen from the time to takedown of the data (README, "Rates with a
     * horizon"): about 80 % of the takedowns that ever happen happen within 14 days of submission, the median is 5.4
     * days, and every week after the second adds about 4 % more. The read model keeps this one horizon's counts in
     * its pre-aggregations.
     */
    public static final String REMOVAL_HORIZON = "P14D";

    /**
     * The grains a catalog query may ask of them. Not hour: a built-in's definition, and so its hash, is what every
     * catalog seeded it as; a change would make the dashboards name a v1 that those catalogs do not hold. (The
     * dashboard's own time series offer hours over the hourly rollup whatever the grains say.)
     */
    private static final List<String> GRAINS = List.of("day", "week", "month");
    private static final List<String> DIMENSIONS = List.of("community", "platform", "platform_detail", "takedown_source");

    /**
     * The dimensions of the versions that answer what is removed (issue 41): where, and what each submission is about.
     * A definition's dimensions are part of its hash, so these are new versions; the numbers are the same.
     */
    private static final List<String> WHAT_DIMENSIONS = List.of("community", "platform", "platform_detail",
            "takedown_source", "category", "hashtag", "report_channel", "takedown_channel", "language",
            "classifier_label");

    public static final MetricDefinition SUBMISSIONS_V1 = simple("submissions", "Submissions",
            "Submissions submitted in the window (legacy created_at), soft-deleted ones excluded.",
            "count", new Measure("count", null, "submitted_at", List.of()), List.of());

    public static final MetricDefinition REMOVALS_V1 = simple("removals", "Removals",
            "Submissions whose effective takedown time (earliest report takedown, else the legacy removed_at) "
                    + "falls in the window.",
            "count", new Measure("count", null, "effective_takedown_at", List.of()), List.of());

    /** Version 1 of removal_rate, as every catalog seeded it: taken down by now, whatever the cohort's age. */
    public static final MetricDefinition REMOVAL_RATE_V1 = new MetricDefinition("removal_rate", "Removal rate",
            "Among submissions submitted in the window, the share that have an effective takedown time up to now. "
                    + "Summed numerator over summed denominator, never an average of rates.",
            "ratio", "ratio", null, takenDown(), submitted(), null, GRAINS, DIMENSIONS, List.of());

    /** Version 2 of removal_rate: a cohort rate with a horizon, so that a young cohort is not read as a fall. */
    public static final MetricDefinition REMOVAL_RATE_V2 = new MetricDefinition("removal_rate",
            "Removal rate within 14 days",
            "Among submissions submitted in the window, the share taken down within 14 days of their submission "
                    + "(their effective takedown time at most 14 days after it). A window or bucket whose submissions "
                    + "are not all 14 days old yet is immature: its rate can still rise, so it is marked, not compared "
                    + "with the period before, and judged by an alert rule only where the rule asks for it. Summed "
                    + "numerator over summed denominator, never an average of rates.",
            "ratio", "ratio", null, takenDown(), submitted(), null, GRAINS, DIMENSIONS, List.of(), REMOVAL_HORIZON);

    /** Version 1's rate under a name of its own: what is taken down by now, whatever the cohort's age. */
    public static final MetricDefinition REMOVAL_RATE_BY_NOW_V1 = new MetricDefinition("removal_rate_by_now",
            "Removal rate by now",
            "Among submissions submitted in the window, the share that have an effective takedown time up to now, "
                    + "however recently they were submitted: young cohorts have had less time to be taken down, so it "
                    + "falls at the right edge of a series (removal_rate, within 14 days, compares like with like). "
                    + "Summed numerator over summed denominator, never an average of rates.",
            "ratio", "ratio", null, takenDown(), submitted(), null, GRAINS, DIMENSIONS, List.of());

    public static final MetricDefinition REMOVALS_BY_SOURCE_V1 = simple("removals_by_source", "Removals by takedown source",
            "Removals in the window split by where their effective takedown time came from: report_flow (a report's "
                    + "taken_down_at) or legacy_fallback (the legacy removed_at).",
            "count", new Measure("count", null, "effective_takedown_at", List.of()), List.of("takedown_source"));

    public static final MetricDefinition MEDIAN_TIME_TO_TAKEDOWN_V1 = simple("median_time_to_takedown",
            "Median time to takedown",
            "For the removals in the window, the median time from submission to effective takedown, in seconds.",
            "duration", new Measure("median", "time_to_takedown", "effective_takedown_at", List.of()), List.of());

    public static final MetricDefinition SUBMISSIONS = withDimensions(SUBMISSIONS_V1, WHAT_DIMENSIONS);
    public static final MetricDefinition REMOVALS = withDimensions(REMOVALS_V1, WHAT_DIMENSIONS);
    public static final MetricDefinition REMOVAL_RATE = withDimensions(REMOVAL_RATE_V2, WHAT_DIMENSIONS);
    public static final MetricDefinition REMOVALS_BY_SOURCE = withDimensions(REMOVALS_BY_SOURCE_V1, WHAT_DIMENSIONS);
    public static final MetricDefinition MEDIAN_TIME_TO_TAKEDOWN = withDimensions(MEDIAN_TIME_TO_TAKEDOWN_V1,
            WHAT_DIMENSIONS);
    public static final MetricDefinition REMOVAL_RATE_BY_NOW = withDimensions(REMOVAL_RATE_BY_NOW_V1, WHAT_DIMENSIONS);

    /** How fast a report channel gets content removed: from the report whose takedown is the effective one. */
    public static final MetricDefinition MEDIAN_REPORT_TO_TAKEDOWN = new MetricDefinition("median_report_to_takedown",
            "Median time from report to takedown",
            "For the removals in the window taken down through a report (takedown source report_flow), the median "
                    + "time from that report (the one whose takedown is the effective one) to the takedown, in "
                    + "seconds. Removals by the legacy fallback have no such report and are not counted.",
            "simple", "duration", new Measure("median", "report_to_takedown", "effective_takedown_at", List.of()),
            null, null, null, GRAINS, WHAT_DIMENSIONS, List.of());

    /** The values of the takedown_source dimension: where an effective takedown time came from. */
    public static final List<String> TAKEDOWN_SOURCES = List.of("report_flow", "legacy_fallback");

    /** Every built-in version, in the order the catalog publishes them (version 1 of a key before its version 2). */
    public static final List<SeededVersion<MetricDefinition>> SEEDED = List.of(
            new SeededVersion<>(SUBMISSIONS_V1, 1), new SeededVersion<>(REMOVALS_V1, 1),
            new SeededVersion<>(REMOVAL_RATE_V1, 1), new SeededVersion<>(REMOVALS_BY_SOURCE_V1, 1),
            new SeededVersion<>(MEDIAN_TIME_TO_TAKEDOWN_V1, 1), new SeededVersion<>(REMOVAL_RATE_V2, 2),
            new SeededVersion<>(REMOVAL_RATE_BY_NOW_V1, 1), new SeededVersion<>(SUBMISSIONS, 2),
            new SeededVersion<>(REMOVALS, 2), new SeededVersion<>(REMOVAL_RATE, 3),
            new SeededVersion<>(REMOVALS_BY_SOURCE, 2), new SeededVersion<>(MEDIAN_TIME_TO_TAKEDOWN, 2),
            new SeededVersion<>(REMOVAL_RATE_BY_NOW, 2), new SeededVersion<>(MEDIAN_REPORT_TO_TAKEDOWN, 1));

    /** The latest built-in version of each key. */
    public static final List<MetricDefinition> ALL = List.of(SUBMISSIONS, REMOVALS, REMOVAL_RATE, REMOVALS_BY_SOURCE,
            MEDIAN_TIME_TO_TAKEDOWN, REMOVAL_RATE_BY_NOW, MEDIAN_REPORT_TO_TAKEDOWN);

    private BuiltInMetrics() {
    }

    /** The version the catalog publishes a built-in definition as. */
    public static int versionOf(MetricDefinition definition) {
        return SEEDED.stream().filter(s -> s.definition().equals(definition)).mapToInt(SeededVersion::version)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("not a built-in: " + definition.key()));
    }

    /** The built-in definition of this key at this version, if there is one. */
    public static Optional<MetricDefinition> seeded(String key, int version) {
        return SEEDED.stream().filter(s -> s.version() == version && s.definition().key().equals(key))
                .map(SeededVersion::definition).findFirst();
    }

    private static Measure takenDown() {
        return new Measure("count", null, "submitted_at", List.of(new Filter("taken_down", "eq", true, null)));
    }

    private static Measure submitted() {
        return new Measure("count", null, "submitted_at", List.of());
    }

    /** Removals by source's measure for one value of its breakdown: its breakdown taken as a filter. */
    public static Measure removalsFrom(String takedownSource) {
        Measure removals = REMOVALS_BY_SOURCE.measure();
        var filters = new ArrayList<>(removals.filters());
        filters.add(new Filter(Column.TAKEDOWN_SOURCE.jsonName(), "eq", takedownSource, null));
        return new Measure(removals.aggregation(), removals.column(), removals.time(), filters);
    }

    private static MetricDefinition withDimensions(MetricDefinition definition, List<String> dimensions) {
        return new MetricDefinition(definition.key(), definition.name(), definition.description(), definition.type(),
                definition.unit(), definition.measure(), definition.numerator(), definition.denominator(),
                definition.expression(), definition.grains(), dimensions, definition.breakdown(), definition.horizon());
    }

    private static MetricDefinition simple(String key, String name, String description, String unit, Measure measure,
            List<String> breakdown) {
        return new MetricDefinition(key, name, description, "simple", unit, measure, null, null, null, GRAINS,
                DIMENSIONS, breakdown);
    }
}
