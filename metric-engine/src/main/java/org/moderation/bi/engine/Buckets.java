package org.moderation.bi.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

import org.moderation.bi.engine.plan.LocalBuckets;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * The buckets of a window in a zone, as PostgreSQL's {@code date_trunc(grain, t, zone)} draws them: from the one
 * holding the window's start to the last that starts before its end. A bucket the window cuts, or that has not
 * ended yet, is partial: "Aug 26–30" of the week of Aug 24, or today so far. A bucket's start is date_trunc's value,
 * which for hours is t's local hour at t's own offset: where a zone's offset moves by half an hour, a bucket may start
 * (be labelled) before the time it holds, as the rows of the read model are.
 */
public final class Buckets {

    private Buckets() {
    }

    /** A bucket's start (date_trunc's value) and the stretch of time whose date_trunc it is. */
    private record Slot(Instant start, Instant from, Instant to) {
    }

    public static List<Answer.Bucket> of(Instant from, Instant to, Grain grain, ZoneId zone, Instant now) {
        return asOf(from, to, grain, zone, now).buckets();
    }

    /** Where a stretch of time begins (inclusive) and ends (exclusive). */
    public record Span(Instant from, Instant to) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(to);
        }
    }

    /**
     * The buckets as of {@code now} ({@link #of}), and the stretch of time around {@code now} in which they stay as
     * they are: a bucket's partial flag changes only where the bucket ends, so the stretch runs from the last end at
     * or before {@code now} (inclusive) to the first end after it (exclusive), unbounded where there is none.
     */
    public record AsOf(List<Answer.Bucket> buckets, Span unchanged) {
    }

    /** {@link AsOf}: both from one walk over the window's buckets. */
    public static AsOf asOf(Instant from, Instant to, Grain grain, ZoneId zone, Instant now) {
        List<Slot> slots = slots(from, to, grain, zone);
        var buckets = new ArrayList<Answer.Bucket>(slots.size());
        Instant lastEnded = Instant.MIN;
        Instant nextEnd = Instant.MAX;
        for (Slot slot : slots) {
            Instant coveredFrom = max(slot.from(), from);
            Instant coveredTo = min(slot.to(), to);
            boolean ended = !now.isBefore(slot.to());
            if (ended) {
                lastEnded = slot.to();
            } else if (nextEnd.equals(Instant.MAX)) {
                nextEnd = slot.to();
            }
            boolean partial = coveredFrom.isAfter(slot.from()) || coveredTo.isBefore(slot.to()) || !ended;
            buckets.add(new Answer.Bucket(slot.start(), coveredFrom, coveredTo, partial));
        }
        return new AsOf(List.copyOf(buckets), new Span(lastEnded, nextEnd));
    }

    /** The buckets that hold some of [from, to), in order. */
    private static List<Slot> slots(Instant from, Instant to, Grain grain, ZoneId zone) {
        var slots = new ArrayList<Slot>();
        if (grain == Grain.HOUR) {
            // From two hours early: the walk then finds where the bucket holding the window's start begins.
            for (Instant at = from.minus(2, ChronoUnit.HOURS); at.isBefore(to); ) {
                Instant start = floor(at.atZone(zone), grain).toInstant();
                Instant end = start.plus(1, ChronoUnit.HOURS);
                ZoneOffsetTransition change = zone.getRules().nextTransition(at);
                if (change != null && change.getInstant().isBefore(end)) {
                    end = change.getInstant();
                }
                Slot last = slots.isEmpty() ? null : slots.get(slots.size() - 1);
                if (last != null && last.start().equals(start)) {
                    slots.set(slots.size() - 1, new Slot(start, last.from(), end));
                } else {
                    slots.add(new Slot(start, at, end));
                }
                at = end;
            }
            slots.removeIf(slot -> !slot.to().isAfter(from));
            return slots;
        }
        List<Instant> edges = LocalBuckets.edges(from, to, grain, zone);
        for (int i = 1; i < edges.size(); i++) {
            slots.add(new Slot(edges.get(i - 1), edges.get(i - 1), edges.get(i)));
        }
        return slots;
    }

    /**
     * How many buckets a window holds, without listing them; for hours at least as many as {@link #of} lists (one more
     * for each change of the zone's offset by part of an hour, which may or may not add a bucket).
     */
    public static long count(Instant from, Instant to, Grain grain, ZoneId zone) {
        ZonedDateTime start = floor(from.atZone(zone), grain);
        ZonedDateTime end = floor(to.minusNanos(1).atZone(zone), grain);
        return switch (grain) {
            case HOUR -> ChronoUnit.HOURS.between(start.toInstant(), end.toInstant()) + 1
                    + partHourChanges(zone, from, to);
            case DAY -> ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()) + 1;
            case WEEK -> ChronoUnit.WEEKS.between(start.toLocalDate(), end.toLocalDate()) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(start.toLocalDate(), end.toLocalDate()) + 1;
        };
    }

    private static long partHourChanges(ZoneId zone, Instant from, Instant to) {
        long changes = 0;
        for (ZoneOffsetTransition change = zone.getRules().nextTransition(from);
             change != null && change.getInstant().isBefore(to);
             change = zone.getRules().nextTransition(change.getInstant())) {
            if (change.getDuration().toSeconds() % 3600 != 0) {
                changes++;
            }
        }
        return changes;
    }

    /**
     * date_trunc: the local start of the grain; for an hour at the time's own offset (PostgreSQL does not resolve the
     * offset again below a day), for a day or longer at the offset the zone has then.
     */
    static ZonedDateTime floor(ZonedDateTime time, Grain grain) {
        LocalDateTime local = time.toLocalDateTime();
        return switch (grain) {
            case HOUR -> time.toOffsetDateTime().truncatedTo(ChronoUnit.HOURS).atZoneSameInstant(time.getZone());
            case DAY -> local.truncatedTo(ChronoUnit.DAYS).atZone(time.getZone());
            case WEEK -> local.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atZone(time.getZone());
            case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).atZone(time.getZone());
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
