package org.moderation.bi.dashboard.timeseries;

import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

/** The time-series metrics and the read-model time column each is counted on (constants, never input). */
public enum Metric {
    SUBMISSIONS("submitted_at"),
    REMOVALS("effective_takedown_at"),
    /** Of the submissions of a bucket, the share with an effective takedown by now. */
    REMOVAL_RATE("submitted_at");

    final String timeColumn;

    Metric(String timeColumn) {
        this.timeColumn = timeColumn;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric of(String value) {
        return Arrays.stream(values()).filter(m -> m.code().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("metric must be one of submissions, removals, removal_rate"));
    }
}
