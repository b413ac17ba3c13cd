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
        var buckets = new ArrayList<Answer.Bucket>();
        ZonedDateTime start = floor(from.atZone(zone), grain);
        while (start.toInstant().isBefore(to)) {
            ZonedDateTime end = next(start, grain);
            Instant coveredFrom = max(start.toInstant(), from);
            Instant coveredTo = min(end.toInstant(), to);
            boolean partial = coveredFrom.isAfter(start.toInstant()) || coveredTo.isBefore(end.toInstant())
                    || now.isBefore(end.toInstant());
            buckets.add(new Answer.Bucket(start.toInstant(), coveredFrom, coveredTo, partial));
            start = end;
        }
        return buckets;
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
