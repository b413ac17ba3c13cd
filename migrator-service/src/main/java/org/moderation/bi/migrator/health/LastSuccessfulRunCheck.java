package org.moderation.bi.migrator.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

import org.moderation.bi.migrator.config.MigratorConfig;

/**
 * Whether the target is being kept up to date: the last successful run is recent enough. A wellness check
 * ({@code /q/health/well}), not readiness: stale data is a reason to look, not to stop serving or restart.
 */
@Wellness
@ApplicationScoped
public class LastSuccessfulRunCheck implements HealthCheck {

    private final OperationalState state;
    private final MigratorConfig config;

    LastSuccessfulRunCheck(OperationalState state, MigratorConfig config) {
        this.state = state;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return state.check("last-successful-run", (current, response) -> current.aged(response, "lastSuccess",
                current.lastSuccess(), config.health().maxSuccessAge(), true));
    }
}
