package org.moderation.bi.dashboard.timeseries;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

import org.moderation.bi.engine.Answer;
import org.moderation.bi.shared.metrics.Vocabulary;

/**
 * Buckets of a time series, drawn by the metric engine as PostgreSQL's date_trunc draws them (weeks start on Monday).
 * Hours are offered for recent windows only: the hourly rollup keeps the last days, not all time.
 */
public enum Granularity {
    HOUR, DAY, WEEK, MONTH;

    /**
     * How far back hours are offered: the migrator keeps the hourly rollup from the start of the UTC day eight days
     * ago ({@code hourly_rollup_horizon()}), so a day of margin covers clocks that disagree.
     */
    static final Duration HOURS_KEPT = Duration.ofDays(7);

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric language's word for it. */
    public Vocabulary.Grain grain() {
        return Vocabulary.Grain.valueOf(name());
    }

    /** How a bucket's start is written: a date, or for hours the local date-time with its offset. */
    String label(Answer.Bucket bucket, ZoneId zone) {
        // An hour at the offset of the time it holds: where the offset moved by half an hour, "01:00+10:30" is the
        // hour after "01:00+11:00", both of them local one o'clock.
        return this == HOUR ? bucket.start().atOffset(zone.getRules().getOffset(bucket.coveredFrom())).toString()
                : bucket.start().atZone(zone).toLocalDate().toString();
    }

    public static Granularity of(String value) {
        return Arrays.stream(values()).filter(g -> g.code().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("granularity must be one of hour, day, week, month"));
    }
}
