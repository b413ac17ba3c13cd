package org.moderation.bi.engine.plan;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * The UTC buckets a pre-aggregation keeps ({@code read_model_rollups.unit}). Quarter hours are no grain a question
 * asks for: they are what a local bucket in a zone at a half or quarter hour ({@code +05:30}, {@code +05:45}) is made
 * of, as hours are what a Berlin day is made of.
 */
public enum RollupUnit {
    QUARTER_HOUR("quarter_hour", null, Duration.ofMinutes(15)),
    HOUR("hour", Grain.HOUR, Duration.ofHours(1)),
    DAY("day", Grain.DAY, null),
    WEEK("week", Grain.WEEK, null),
    MONTH("month", Grain.MONTH, null);

    private final String declared;
    private final Grain grain;
    private final Duration length;

    RollupUnit(String declared, Grain grain, Duration length) {
        this.declared = declared;
        this.grain = grain;
        this.length = length;
    }

    /** The unit a declaration names, if the engine knows it. */
    public static Optional<RollupUnit> declared(String name) {
        return Arrays.stream(values()).filter(u -> u.declared.equals(name)).findFirst();
    }

    /** Whether its buckets are the question's buckets of this grain (in UTC). */
    public boolean is(Grain grain) {
        return grain != null && grain == this.grain;
    }

    /** Whether its buckets are instants ({@code timestamptz}) rather than UTC dates. */
    public boolean keptAsInstants() {
        return length != null;
    }

    /** The length of every bucket, where it is fixed (not for days, weeks and months: a zone's are not UTC's). */
    public Optional<Duration> fixedLength() {
        return Optional.ofNullable(length);
    }

    /** The start of the UTC bucket that holds {@code instant}. */
    Instant floor(Instant instant) {
        if (length != null) {
            long seconds = length.toSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
        }
        LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the first UTC bucket at or after {@code instant}. */
    Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : next(floor);
    }

    private Instant next(Instant start) {
        if (length != null) {
            return start.plus(length);
        }
        var utc = start.atOffset(ZoneOffset.UTC);
        return switch (this) {
            case WEEK -> utc.plusWeeks(1).toInstant();
            case MONTH -> utc.plusMonths(1).toInstant();
            default -> utc.plusDays(1).toInstant();
        };
    }

    /** How many of its buckets lie in [from, to), whose ends are their edges. */
    long between(Instant from, Instant to) {
        return switch (this) {
            case QUARTER_HOUR, HOUR -> Duration.between(from, to).dividedBy(length);
            case DAY -> ChronoUnit.DAYS.between(from, to);
            case WEEK -> ChronoUnit.DAYS.between(from, to) / 7;
            case MONTH -> ChronoUnit.MONTHS.between(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        };
    }
}
