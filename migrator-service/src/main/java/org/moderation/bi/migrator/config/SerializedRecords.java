package org.moderation.bi.migrator.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.PageView;
import org.moderation.bi.shared.api.migration.RebuildView;
import org.moderation.bi.shared.api.migration.ReconciliationView;
import org.moderation.bi.shared.api.migration.RunView;
import org.moderation.bi.shared.api.migration.StartRunRequest;
import org.moderation.bi.shared.api.migration.ValidationResultView;

/**
 * The records this service reads or writes as JSON, kept for Jackson's reflection in a native image (their nested
 * records come with them). shared-model depends on no Quarkus runtime, so its records are registered here;
 * ApiError and RunView travel inside a {@code Response}; a run's reconciliation is written to the database by a plain
 * ObjectMapper (and read back), which Quarkus REST cannot see on its own.
 */
@RegisterForReflection(targets = {
        ApiError.class,
        PageView.class,
        RunView.class,
        RebuildView.class,
        ReconciliationView.class,
        StartRunRequest.class,
        ValidationResultView.class,
})
public final class SerializedRecords {

    private SerializedRecords() {
    }
}
