package org.moderation.bi.dashboard.timeseries;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;

/** The time-series metrics: built-in metrics of the metric language, computed by its compiler. */
public enum Metric {
    SUBMISSIONS(BuiltInMetrics.SUBMISSIONS),
    REMOVALS(BuiltInMetrics.REMOVALS),
    /** Of the submissions of a bucket, the share with an effective takedown by now. */
    REMOVAL_RATE(BuiltInMetrics.REMOVAL_RATE);

    final MetricDefinition definition;

    Metric(MetricDefinition definition) {
        this.definition = definition;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A simple metric's measure, or a ratio's numerator and denominator. */
    List<Measure> measures() {
        return definition.measure() != null ? List.of(definition.measure())
                : List.of(definition.numerator(), definition.denominator());
    }

    public static Metric of(String value) {
        return Arrays.stream(values()).filter(m -> m.code().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("metric must be one of submissions, removals, removal_rate"));
    }
}
