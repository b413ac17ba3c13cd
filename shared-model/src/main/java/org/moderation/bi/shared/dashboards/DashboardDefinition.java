package org.moderation.bi.shared.dashboards;

import java.util.List;

/**
 * Which catalog metric fills each number of a dashboard page: its KPIs, the lines of its series, and its breakdowns
 * (tables grouped by one dimension). Kept in the catalog in versions, like a metric; JSON, validated by
 * {@link DashboardValidator}.
 */
public record DashboardDefinition(String key, String name, String description,
        List<DashboardTile> kpis, List<DashboardTile> series, List<DashboardBreakdown> breakdowns) {

    public DashboardDefinition {
        kpis = kpis == null ? List.of() : kpis;
        series = series == null ? List.of() : series;
        breakdowns = breakdowns == null ? List.of() : breakdowns;
    }
}
