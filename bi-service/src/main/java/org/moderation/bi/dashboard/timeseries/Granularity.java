package org.moderation.bi.dashboard.timeseries;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

/** Buckets of a time series; the same truncation as PostgreSQL's date_trunc (weeks start on Monday). */
public enum Granularity {
    DAY, WEEK, MONTH;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    LocalDate bucketOf(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    LocalDate next(LocalDate bucket) {
        return switch (this) {
            case DAY -> bucket.plusDays(1);
            case WEEK -> bucket.plusWeeks(1);
            case MONTH -> bucket.plusMonths(1);
        };
    }

    public static Granularity of(String value) {
        return Arrays.stream(values()).filter(g -> g.code().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("granularity must be one of day, week, month"));
    }
}
