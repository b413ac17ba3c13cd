package org.moderation.bi.shared.api.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * A metric per day, week (ISO, from Monday) or month of a window, in the window's time zone; every bucket is
 * present, with zero (or null for a rate without submissions) where nothing happened.
 *
 * @param groupBy null when the series is not split; then there is one series with key null
 */
public record TimeSeriesView(String metric, String granularity, String timeZone, String groupBy,
        OverviewView.Window window, List<Series> series, ScopeView scope) {

    public record Series(String key, List<Point> points) {
    }

    /** @param value a count, or for {@code removal_rate} a share between 0 and 1 (null without submissions) */
    public record Point(LocalDate start, Number value) {
    }
}
