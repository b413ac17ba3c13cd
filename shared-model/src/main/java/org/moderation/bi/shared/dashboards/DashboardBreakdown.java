package org.moderation.bi.shared.dashboards;

import java.util.List;

/**
 * A table grouped by one dimension, one column per tile. {@code id} is unique among the dashboard's breakdowns; every
 * column's metric offers the dimension.
 */
public record DashboardBreakdown(String id, String dimension, List<DashboardTile> columns) {

    public DashboardBreakdown {
        columns = columns == null ? List.of() : columns;
    }
}
