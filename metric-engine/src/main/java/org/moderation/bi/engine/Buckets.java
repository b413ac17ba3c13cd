package org.moderation.bi.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * The buckets of a window in a zone, as PostgreSQL's {@code date_trunc(grain, t, zone)} draws them: from the one
 * holding the window's start to the last that starts before its end. A bucket the window cuts, or that has not
 * ended yet, is partial: "Aug 26–30" of the week of Aug 24, or today so far.
 */
public final class Buckets {

    private Buckets() {
    }

    public static List<Answer.Bucket> of(Instant from, Instant to, Grain grain, ZoneId zone, Instant now) {
        List<Instant> bounds = bounds(from, to, grain, zone);
        var buckets = new ArrayList<Answer.Bucket>(bounds.size() - 1);
        for (int i = 0; i + 1 < bounds.size(); i++) {
            Instant start = bounds.get(i);
            Instant end = bounds.get(i + 1);
            Instant coveredFrom = max(start, from);
            Instant coveredTo = min(end, to);
            boolean partial = coveredFrom.isAfter(start) || coveredTo.isBefore(end) || now.isBefore(end);
            buckets.add(new Answer.Bucket(start, coveredFrom, coveredTo, partial));
        }
        return buckets;
    }

    /** Where a stretch of time begins (inclusive) and ends (exclusive). */
    public record Span(Instant from, Instant to) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(to);
        }
    }

    /**
     * The stretch of time around {@code now} in which {@link #of} gives the buckets it gives at {@code now}: a bucket's
     * partial flag changes only where the bucket ends, so the stretch runs from the last end at or before {@code now}
     * (inclusive) to the first end after it (exclusive), unbounded where there is none.
     */
    public static Span unchangedAround(Instant from, Instant to, Grain grain, ZoneId zone, Instant now) {
        Instant lastEnded = Instant.MIN;
        List<Instant> bounds = bounds(from, to, grain, zone);
        for (Instant end : bounds.subList(1, bounds.size())) {
            if (end.isAfter(now)) {
                return new Span(lastEnded, end);
            }
            lastEnded = end;
        }
        return new Span(lastEnded, Instant.MAX);
    }

    /** The start of the window's first bucket, then the end of each of its buckets in order. */
    private static List<Instant> bounds(Instant from, Instant to, Grain grain, ZoneId zone) {
        var bounds = new ArrayList<Instant>();
        ZonedDateTime start = floor(from.atZone(zone), grain);
        bounds.add(start.toInstant());
        while (start.toInstant().isBefore(to)) {
            start = next(start, grain);
            bounds.add(start.toInstant());
        }
        return bounds;
    }

    /** How many buckets a window holds, without listing them. */
    public static long count(Instant from, Instant to, Grain grain, ZoneId zone) {
        ZonedDateTime start = floor(from.atZone(zone), grain);
        ZonedDateTime end = floor(to.minusNanos(1).atZone(zone), grain);
        return switch (grain) {
            case HOUR -> ChronoUnit.HOURS.between(start.toInstant(), end.toInstant()) + 1;
            case DAY -> ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()) + 1;
            case WEEK -> ChronoUnit.WEEKS.between(start.toLocalDate(), end.toLocalDate()) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(start.toLocalDate(), end.toLocalDate()) + 1;
        };
    }

    static ZonedDateTime floor(ZonedDateTime time, Grain grain) {
        LocalDateTime local = time.toLocalDateTime();
        LocalDateTime start = switch (grain) {
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> local.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
        return grain == Grain.HOUR ? time.truncatedTo(ChronoUnit.HOURS) : start.atZone(time.getZone());
    }

    private static ZonedDateTime next(ZonedDateTime start, Grain grain) {
        return switch (grain) {
            case HOUR -> start.plusHours(1);
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(start.getZone());
            case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(start.getZone());
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
