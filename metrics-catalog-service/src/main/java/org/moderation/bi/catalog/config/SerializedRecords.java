package org.moderation.bi.catalog.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.dashboards.DashboardBreakdown;
import org.moderation.bi.shared.dashboards.DashboardChangeView;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardTile;
import org.moderation.bi.shared.dashboards.DashboardVersionView;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricChangeView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The shared-model records the catalog reads and writes as JSON (stored definitions too), kept for Jackson's
 * reflection in a native image. Most travel inside a {@code Response}, which Quarkus REST cannot see through.
 */
@RegisterForReflection(targets = {
        ApiError.class,
        MetricDefinition.class,
        Measure.class,
        Filter.class,
        Expression.class,
        MetricVersionView.class,
        MetricSummaryView.class,
        MetricSummaryView.VersionStatus.class,
        MetricChangeView.class,
        DashboardDefinition.class,
        DashboardTile.class,
        DashboardBreakdown.class,
        DashboardVersionView.class,
        DashboardSummaryView.class,
        DashboardSummaryView.VersionStatus.class,
        DashboardChangeView.class,
})
public final class SerializedRecords {

    private SerializedRecords() {
    }
}
