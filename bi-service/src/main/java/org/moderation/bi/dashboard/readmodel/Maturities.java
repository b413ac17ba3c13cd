package org.moderation.bi.dashboard.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Objects;

import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Buckets;
import org.moderation.bi.engine.Maturity;
import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.metrics.Horizon;

/**
 * The maturity of a number as the API shows it, decided by the metric engine ({@link Maturity}) as of the request:
 * an answer kept for minutes is shown mature from the moment its cohort is, and views built of it are built again only
 * where a maturity (or a bucket's partial flag) changes.
 */
public final class Maturities {

    private Maturities() {
    }

    /** The maturity of {@code result}'s value over a window or bucket ending at {@code cohortEnd}; null: no horizon. */
    public static MaturityView of(Answer.Result result, Instant cohortEnd, Instant now) {
        return of(result.horizon(), cohortEnd, now);
    }

    /** The maturity of a cohort ending at {@code cohortEnd} under {@code horizon}; null: no horizon. */
    public static MaturityView of(Duration horizon, Instant cohortEnd, Instant now) {
        Maturity maturity = Maturity.of(horizon, cohortEnd);
        return maturity == null ? null
                : new MaturityView(Horizon.iso(maturity.horizon()), maturity.mature(now), maturity.maturesAt());
    }

    /** Whether a number is complete: no horizon, or its cohort mature. */
    public static boolean complete(MaturityView maturity) {
        return maturity == null || maturity.mature();
    }

    /** "not all 14 days old until Dec 10, 2026 14:00 UTC": why an immature number is not final. */
    public static String immature(MaturityView maturity) {
        return "its submissions are not all " + Horizon.words(Duration.parse(maturity.horizon()))
                + " old until " + maturity.maturesAt().atOffset(ZoneOffset.UTC).toString().replace("T", " ")
                .replace("Z", " UTC");
    }

    /**
     * {@code unchanged} narrowed to where none of {@code maturities} changes: from the latest {@code maturesAt} at or
     * before {@code now} to the earliest after it.
     */
    public static Buckets.Span unchangedWithin(Buckets.Span unchanged, Collection<MaturityView> maturities,
            Instant now) {
        Instant from = unchanged.from();
        Instant to = unchanged.to();
        for (Instant at : maturities.stream().filter(Objects::nonNull).map(MaturityView::maturesAt).toList()) {
            if (at.isAfter(now)) {
                to = at.isBefore(to) ? at : to;
            } else {
                from = at.isAfter(from) ? at : from;
            }
        }
        return new Buckets.Span(from, to);
    }
}
