package org.moderation.bi.shared.dashboards;

import java.util.List;

import org.moderation.bi.shared.metrics.MetricVersionView;

/** How the dashboard validator finds a metric's versions: the catalog's, or a reader's copy of them. */
@FunctionalInterface
public interface MetricVersions {

    /** Every version of the metric, oldest first, whatever its status; empty when there is no such metric. */
    List<MetricVersionView> of(String key);
}
