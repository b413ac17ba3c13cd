package org.moderation.bi.engine.plan;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/** Local days, weeks (from Monday) and months as PostgreSQL's date_trunc draws them, by their first days. */
public final class LocalBuckets {

    private LocalBuckets() {
    }

    /** The first day of the bucket of {@code grain} (a day or longer) that holds {@code day}. */
    public static LocalDate start(LocalDate day, Grain grain) {
        return switch (grain) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    /** The first day of the bucket after the one that starts on {@code start}. */
    public static LocalDate next(LocalDate start, Grain grain) {
        return switch (grain) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            default -> start.plusDays(1);
        };
    }
}
