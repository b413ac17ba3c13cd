package org.moderation.bi.shared.dashboards;

import java.util.List;
import java.util.Optional;

import org.moderation.bi.shared.catalog.SeededVersion;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.MetricDefinition;

/**
 * The dashboards the catalog publishes when it starts without them ({@link #SEEDED}). {@link #OVERVIEW} is the page:
 * its KPIs (submissions, removals, removal rate, the takedown-source card), the three per bucket, and the three of
 * them by platform, platform detail and community, each pinned to a version of the built-in metrics; version 2 shows
 * the removal rate within its horizon where version 1 showed it by now. The versions of those metrics that add the
 * dimensions of what is removed count the same numbers: the overview keeps pinning the versions it was published with.
 */
public final class BuiltInDashboards {

    /** Version 1, as every catalog seeded it: every tile pinned to version 1. */
    public static final DashboardDefinition OVERVIEW_V1 = overview(
            "The page's numbers for a window: what was submitted, what was taken down, the removal rate of the "
                    + "window's submissions and where the takedowns were recorded; the first three per bucket; and "
                    + "the first three by platform, platform detail and community.",
            BuiltInMetrics.REMOVAL_RATE_V1);

    /** Version 2: the removal rate within 14 days of submission (removal_rate v2), immature cohorts marked. */
    public static final DashboardDefinition OVERVIEW = overview(
            "The page's numbers for a window: what was submitted, what was taken down, the share of the window's "
                    + "submissions taken down within 14 days of submission (immature while they are younger) and where "
                    + "the takedowns were recorded; the first three per bucket; and the first three by platform, "
                    + "platform detail and community.",
            BuiltInMetrics.REMOVAL_RATE_V2);

    public static final List<SeededVersion<DashboardDefinition>> SEEDED = List.of(
            new SeededVersion<>(OVERVIEW_V1, 1), new SeededVersion<>(OVERVIEW, 2));

    /** The latest built-in version of each key. */
    public static final List<DashboardDefinition> ALL = List.of(OVERVIEW);

    private BuiltInDashboards() {
    }

    /** The version the catalog publishes a built-in dashboard as. */
    public static int versionOf(DashboardDefinition definition) {
        return SEEDED.stream().filter(s -> s.definition().equals(definition)).mapToInt(SeededVersion::version)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("not a built-in: " + definition.key()));
    }

    /** The latest built-in version of the dashboard with this key, if there is one. */
    public static Optional<DashboardDefinition> latest(String key) {
        return ALL.stream().filter(d -> d.key().equals(key)).findFirst();
    }

    private static DashboardDefinition overview(String description, MetricDefinition removalRate) {
        List<DashboardTile> three = List.of(pinned(BuiltInMetrics.SUBMISSIONS_V1), pinned(BuiltInMetrics.REMOVALS_V1),
                pinned(removalRate));
        var kpis = new java.util.ArrayList<>(three);
        kpis.add(new DashboardTile("takedown_sources", BuiltInMetrics.REMOVALS_BY_SOURCE_V1.key(),
                BuiltInMetrics.versionOf(BuiltInMetrics.REMOVALS_BY_SOURCE_V1), "Takedown source"));
        return new DashboardDefinition("overview", "Overview", description, List.copyOf(kpis), three,
                List.of(byDimension("platform", three), byDimension("platform_detail", three),
                        byDimension("community", three)));
    }

    private static DashboardBreakdown byDimension(String dimension, List<DashboardTile> columns) {
        return new DashboardBreakdown("by_" + dimension, dimension, columns);
    }

    /** A built-in metric at the version the catalog publishes it as, under its key as id. */
    private static DashboardTile pinned(MetricDefinition metric) {
        return new DashboardTile(metric.key(), metric.key(), BuiltInMetrics.versionOf(metric), null);
    }
}
