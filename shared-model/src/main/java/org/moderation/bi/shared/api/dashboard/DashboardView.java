package org.moderation.bi.shared.api.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.moderation.bi.shared.metrics.Problem;

/**
 * A dashboard definition's numbers for a window, all computed in one snapshot of the read model: its KPIs (each
 * beside the same number for the period it is compared with), its series, and its breakdowns. Every number names the
 * metric it is (key and version, pinned or the latest published) with the rule it counts by and where it was read.
 *
 * @param comparedWith the window the KPIs are compared with (null: no comparison)
 * @param filters      the dimension filters every number of the view is narrowed by, by parameter name
 *                     ({@code category=holocaust_denial}: the submissions with that value, among others); empty: none
 * @param freshness    the read model's version as the snapshot of this answer saw it
 * @param catalogUnreachableSince since when the metrics catalog has not answered bi-service: the definitions shown
 *                     are those it last gave (or built in); null while it answers
 * @param warnings     what the view was made with but deserves a second look, by parameter name (a value no
 *                     submission has had yet, with the closest values seen)
 */
public record DashboardView(Reference dashboard, OverviewView.Window window, OverviewView.Window comparedWith,
        String timeZone, ScopeView scope, Map<String, String> filters, OverviewView.Freshness freshness,
        List<Tile> kpis, Series series, List<Table> breakdowns, Instant catalogUnreachableSince,
        List<Problem> warnings) {

    /**
     * Which dashboard definition this is.
     *
     * @param source {@code catalog}, or {@code built-in} when the catalog neither answers nor was seen to (the version
     *               every catalog seeds is shown then)
     */
    public record Reference(String key, int version, String name, String definitionHash, String source) {
    }

    /**
     * The metric behind a number, as the page names it.
     *
     * @param followsLatest whether the dashboard follows the metric's latest published version (else it pins one)
     * @param unit          {@code count}, {@code ratio}, {@code percent} (a fraction of 1, shown ×100) or
     *                      {@code duration} (seconds)
     * @param countedBy     the time column that places a row in a window or bucket ({@code submitted_at}: by submission
     *                      date; {@code effective_takedown_at}: by takedown date); for a ratio, its denominator's (the
     *                      cohort it divides); null for a derived metric
     * @param readFrom      the pre-aggregations and/or facts the number was read from
     * @param horizon       the horizon its values are complete after (ISO-8601, {@code P14D}); null without one
     */
    public record Metric(String key, int version, String status, boolean followsLatest, String definitionHash,
            String name, String type, String unit, String countedBy, String rule, List<String> readFrom,
            String horizon) {
    }

    /**
     * A KPI. A metric with a breakdown (removals by source) has a value per group instead of one value.
     *
     * @param value     the number (null: none, as a rate of no submissions)
     * @param numerator a ratio's summed numerator (null otherwise)
     * @param breakdown a breakdown metric's value per group (null otherwise)
     * @param shares    each group's share of the whole, 0 to 1, where the groups partition it (a count by takedown
     *                  source); null otherwise: overlapping groups or a rate have no shares
     * @param change    against the window compared with (null without comparison, or for a breakdown)
     * @param maturity  whether the window's cohort is complete, for a metric with a horizon (null otherwise)
     */
    public record Tile(String id, String label, Metric metric, Double value, Double numerator, Double denominator,
            Map<String, Double> breakdown, Map<String, Double> shares, Change change, MaturityView maturity) {
    }

    /**
     * The change against the window compared with. A metric with a horizon is compared only where both windows are
     * mature: an immature rate set beside a mature one would read as a fall that is only time not yet passed.
     *
     * @param absolute         now − before; null where there is nothing to compare or it is not compared
     * @param relative         the change as a fraction of the previous value; null where that was 0 or none, or it is
     *                         not compared
     * @param previousMaturity the compared window's maturity, for a metric with a horizon (null otherwise)
     * @param notCompared      why the change is not given although both values are there (an immature window); null
     *                         when it is compared
     */
    public record Change(Double previous, Double absolute, Double relative, MaturityView previousMaturity,
            String notCompared) {
    }

    public record Series(String granularity, List<Bucket> buckets, List<Line> lines) {
    }

    /**
     * A bucket: where it starts, and the part of it the window covers ({@code from}, {@code to}); {@code partial} when
     * that is not all of it, or it has not ended yet.
     */
    public record Bucket(Instant start, Instant from, Instant to, boolean partial) {
    }

    /**
     * One metric per bucket, in the order of the buckets.
     *
     * @param maturity each bucket's, in the same order, for a metric with a horizon (null otherwise)
     */
    public record Line(String id, String label, Metric metric, List<Double> values, List<MaturityView> maturity) {
    }

    /** A table grouped by one dimension: a row per value, a column per metric. */
    public record Table(String id, String dimension, List<Column> columns, List<Row> rows) {
    }

    /** @param maturity the window's, the same for every row, for a metric with a horizon (null otherwise) */
    public record Column(String id, String label, Metric metric, MaturityView maturity) {
    }

    /**
     * @param key   the dimension's value (null: submissions without one, as those of no community)
     * @param label what to show for it
     */
    public record Row(String key, String label, List<Double> values) {
    }
}
