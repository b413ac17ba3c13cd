package org.moderation.bi.migrator.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.moderation.bi.migrator.validation.BusinessFigures;
import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.PageView;
import org.moderation.bi.shared.api.migration.RefreshView;
import org.moderation.bi.shared.api.migration.RunView;
import org.moderation.bi.shared.api.migration.StartRunRequest;
import org.moderation.bi.shared.api.migration.ValidationResultView;

/**
 * The records this service reads or writes as JSON, kept for Jackson's reflection in a native image (their nested
 * records come with them). shared-model depends on no Quarkus runtime, so its records are registered here;
 * ApiError and RunView travel inside a {@code Response}, and a run's removal rate is written to
 * {@code validation_results} by a plain ObjectMapper, which Quarkus REST cannot see on its own.
 */
@RegisterForReflection(targets = {
        ApiError.class,
        PageView.class,
        RunView.class,
        RefreshView.class,
        StartRunRequest.class,
        ValidationResultView.class,
        BusinessFigures.RemovalRate.class,
})
public final class SerializedRecords {

    private SerializedRecords() {
    }
}
