package org.moderation.bi.migrator.validation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The window of whole UTC days whose removal rate validation compares: the {@code days} before the day of
 * {@code asOf}, with takedowns counted up to {@code asOf} (the legacy snapshot's clock). Whole days, so the target
 * side can read it from the daily rollup.
 */
record RateWindow(LocalDate from, LocalDate to, OffsetDateTime asOf) {

    static RateWindow before(OffsetDateTime asOf, Duration length) {
        LocalDate to = asOf.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        return new RateWindow(to.minusDays(length.toDays()), to, asOf);
    }

    OffsetDateTime fromTime() {
        return from.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    OffsetDateTime toTime() {
        return to.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    BusinessFigures.RemovalRate rate(long submitted, long removed) {
        return new BusinessFigures.RemovalRate(from.toString(), to.toString(), asOf.toInstant().toString(), submitted,
                removed);
    }
}
