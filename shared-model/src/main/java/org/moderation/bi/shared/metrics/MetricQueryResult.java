package org.moderation.bi.shared.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.api.dashboard.ScopeView;

/**
 * A computed metric with where it came from: which definition (key, version, status, hash of its canonical JSON, the
 * rule in words), which read-model relations it was summed from, which version of the read model (read in the
 * snapshot the values were computed in, and when its last change arrived), and which scope was applied.
 * <p>
 * Grouped, it also carries {@code total}: the metric over every group, each submission counted once (per bucket, and
 * per value of the metric's breakdown); where a dimension is many-valued (a submission has several categories) the
 * groups add up to more than the total, and {@code overlap} says so. With a top N, {@code other} is the metric over
 * the submissions outside it (each once), never the total less the top groups. {@code warnings}: what the query was
 * answered with but deserves a second look (a filter value no submission has had yet, with the closest seen).
 * {@code compared}: the window each row's {@code previous} is of, when the query asked for a comparison.
 */
public record MetricQueryResult(Provenance provenance, String unit, String granularity, List<String> groupBy,
        List<Row> rows, List<Row> total, List<Row> other, String overlap, List<Problem> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) Compared compared) {

    /** The window compared with: {@code previous} (the same length just before) or {@code year} (a year earlier). */
    public record Compared(String comparison, Instant from, Instant to) {
    }

    public record Provenance(String metric, int version, String status, String definitionHash, String rule,
            List<String> readFrom, Long readModelVersion, Instant readModelChangedAt, ScopeView scope, Instant from,
            Instant to) {
    }

    /**
     * One value: its bucket start (null without a grain) and group. A ratio also carries the summed numerator and
     * denominator it was divided from; {@code value} is null where the denominator is zero or a part is missing.
     * {@code maturity}: for a metric with a horizon, whether the bucket's (or the window's) submissions are all the
     * horizon old; null otherwise. {@code previous}: with a comparison, the same group's value over the window
     * compared with (a count the group did not have there is 0); left out where it has none, and where this row is
     * immature, which is not compared with an older, riper window. {@code change}: {@code value} less
     * {@code previous}, in the metric's unit; {@code relativeChange}: that change over the size of {@code previous}
     * (0.25: a quarter more); each left out where it cannot be worked out (no value, or nothing before to be relative
     * to).
     */
    public record Row(Instant bucket, Map<String, String> group, Double value, Double numerator, Double denominator,
            MaturityView maturity, @JsonInclude(JsonInclude.Include.NON_NULL) Double previous,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double change,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double relativeChange) {
    }
}
