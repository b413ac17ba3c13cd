package org.moderation.bi.engine.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Where the local buckets of {@code grain} (a day or longer) that hold some of [from, to) begin, and where the last
     * one ends: the first bucket's start, each next start, the last end. A local midnight the zone skips begins its
     * bucket at the first instant of that day.
     */
    public static List<Instant> edges(Instant from, Instant to, Grain grain, ZoneId zone) {
        var edges = new ArrayList<Instant>();
        LocalDate day = start(from.atZone(zone).toLocalDate(), grain);
        Instant start = day.atStartOfDay(zone).toInstant();
        edges.add(start);
        while (start.isBefore(to)) {
            day = next(day, grain);
            start = day.atStartOfDay(zone).toInstant();
            edges.add(start);
        }
        return edges;
    }
}
