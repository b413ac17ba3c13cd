package org.moderation.bi.dashboard.timeseries;

import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.MetricDefinition;

/** The time-series metrics: built-in metrics of the metric language, computed by its compiler. */
public enum Metric {
    SUBMISSIONS(BuiltInMetrics.SUBMISSIONS_V1),
    REMOVALS(BuiltInMetrics.REMOVALS_V1),
    /** Of the submissions of a bucket, the share taken down within 14 days of submission (immature until then). */
    REMOVAL_RATE(BuiltInMetrics.REMOVAL_RATE_V2),
    /** Of the submissions of a bucket, the share with an effective takedown by now. */
    REMOVAL_RATE_BY_NOW(BuiltInMetrics.REMOVAL_RATE_BY_NOW_V1);

    final MetricDefinition definition;

    Metric(MetricDefinition definition) {
        this.definition = definition;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A share between 0 and 1, not a count to be rounded. */
    boolean share() {
        return "ratio".equals(definition.type());
    }

    public static Metric of(String value) {
        return Arrays.stream(values()).filter(m -> m.code().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("metric must be one of submissions, removals, removal_rate, "
                        + "removal_rate_by_now"));
    }
}
