package org.moderation.bi.dashboard.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.api.dashboard.ScopeView;
import org.moderation.bi.shared.api.dashboard.SubmissionExplanation;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricQueryRequest;
import org.moderation.bi.shared.metrics.MetricQueryResult;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The shared-model records this service writes as JSON, kept for Jackson's reflection in a native image (their
 * nested records come with them). Registered here because shared-model depends on no Quarkus runtime; ApiError
 * travels inside a {@code Response}, which Quarkus REST cannot see through on its own.
 */
@RegisterForReflection(targets = {
        ApiError.class,
        OverviewView.class,
        ScopeView.class,
        SubmissionExplanation.class,
        TimeSeriesView.class,
        // Metric queries: read from the catalog and from callers, written back with provenance.
        MetricDefinition.class,
        Measure.class,
        Filter.class,
        Expression.class,
        MetricSummaryView.class,
        MetricSummaryView.VersionStatus.class,
        MetricVersionView.class,
        MetricQueryRequest.class,
        MetricQueryResult.class,
        MetricQueryResult.Provenance.class,
        MetricQueryResult.Row.class,
})
public final class SerializedRecords {

    private SerializedRecords() {
    }
}
