package org.moderation.bi.shared.dashboards;

import java.util.List;

import org.moderation.bi.shared.metrics.BuiltInMetrics;

/**
 * The dashboards the catalog publishes as version 1 at its first start. {@link #OVERVIEW} is today's page: its KPIs
 * (submissions, removals, removal rate, the takedown-source card), the three per bucket, and the three of them by
 * platform, platform detail and community, each pinned to version 1 of the built-in metrics.
 */
public final class BuiltInDashboards {

    public static final int VERSION = 1;

    public static final DashboardDefinition OVERVIEW = new DashboardDefinition("overview", "Overview",
            "The page's numbers for a window: what was submitted, what was taken down, the removal rate of the "
                    + "window's submissions and where the takedowns were recorded; the first three per bucket; and "
                    + "the first three by platform, platform detail and community.",
            List.of(pinned("submissions"), pinned("removals"), pinned("removal_rate"),
                    new DashboardTile("takedown_sources", BuiltInMetrics.REMOVALS_BY_SOURCE.key(), BuiltInMetrics.VERSION,
                            "Takedown source")),
            List.of(pinned("submissions"), pinned("removals"), pinned("removal_rate")),
            List.of(byDimension("platform"), byDimension("platform_detail"), byDimension("community")));

    public static final List<DashboardDefinition> ALL = List.of(OVERVIEW);

    private BuiltInDashboards() {
    }

    private static DashboardBreakdown byDimension(String dimension) {
        return new DashboardBreakdown("by_" + dimension, dimension,
                List.of(pinned("submissions"), pinned("removals"), pinned("removal_rate")));
    }

    /** A built-in metric at the version the catalog published it as, under its key as id. */
    private static DashboardTile pinned(String metric) {
        return new DashboardTile(metric, metric, BuiltInMetrics.VERSION, null);
    }
}
