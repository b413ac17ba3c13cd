package org.moderation.bi.dashboard.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.api.dashboard.ScopeView;
import org.moderation.bi.shared.api.dashboard.SubmissionExplanation;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;

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
})
public final class SerializedRecords {

    private SerializedRecords() {
    }
}
