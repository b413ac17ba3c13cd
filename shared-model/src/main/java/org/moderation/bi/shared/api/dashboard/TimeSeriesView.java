package org.moderation.bi.shared.api.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * A metric per hour, day, week (ISO, from Monday) or month of a window, in the window's time zone; every bucket is
 * present, with zero (or null for a rate without submissions) where nothing happened.
 *
 * @param groupBy    null when the series is not split; then there is one series with key null
 * @param provenance the metric definition the values were compiled from, and what they were summed from
 */
public record TimeSeriesView(String metric, String granularity, String timeZone, String groupBy,
        OverviewView.Window window, List<Series> series, ScopeView scope, OverviewView.Freshness freshness,
        NumberProvenance provenance) {

    public record Series(String key, List<Point> points) {
    }

    /**
     * @param start   the bucket's first day as an ISO date ({@code 2024-05-01}); for hours, its first instant as an ISO
     *                local date-time with the zone's offset ({@code 2024-05-01T14:00+02:00})
     * @param value   a count, or for {@code removal_rate} (within 14 days of submission) and
     *                {@code removal_rate_by_now} a share between 0 and 1 (null without submissions)
     * @param from    where the part of the bucket the window covers begins (the bucket's start unless the window
     *                begins inside it)
     * @param to      where that part ends, exclusive (the bucket's end unless the window ends inside it)
     * @param partial the value is not the whole bucket's: the window covers only part of it, or it has not ended yet
     *                (as of the request)
     * @param maturity for a metric with a horizon ({@code removal_rate}): whether the bucket's submissions are all
     *                 the horizon old (as of the request); null otherwise
     */
    public record Point(String start, Number value, Instant from, Instant to, boolean partial, MaturityView maturity) {
    }
}
