package org.moderation.bi.dashboard.timeseries;

import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

/** The time-series metrics and the read-model columns each is counted on (constants, never input). */
public enum Metric {
    SUBMISSIONS("submitted_at", "submissions"),
    REMOVALS("effective_takedown_at", "removals"),
    /** Of the submissions of a bucket, the share with an effective takedown by now. */
    REMOVAL_RATE("submitted_at", "submissions");

    final String timeColumn;
    /** The daily rollup's column holding the metric's count. */
    final String rollupColumn;

    Metric(String timeColumn, String rollupColumn) {
        this.timeColumn = timeColumn;
        this.rollupColumn = rollupColumn;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric of(String value) {
        return Arrays.stream(values()).filter(m -> m.code().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("metric must be one of submissions, removals, removal_rate"));
    }
}
