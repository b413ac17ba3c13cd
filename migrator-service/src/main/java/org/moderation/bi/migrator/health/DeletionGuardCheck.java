package org.moderation.bi.migrator.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * DOWN while the latest run was stopped by the deletion guard: the migrator is reading a legacy database that lacks
 * what the target has, and keeps refusing until someone looks. Wellness, not readiness: nothing was deleted.
 */
@Wellness
@ApplicationScoped
public class DeletionGuardCheck implements HealthCheck {

    private final OperationalState state;

    DeletionGuardCheck(OperationalState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        return state.check("deletion-guard", (current, response) -> current.latestRunRefused()
                ? response.withData("run", current.latestRunId()).withData("refused", current.latestRunError())
                        .down().build()
                : response.up().build());
    }
}
