package org.moderation.bi.migrator.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

import org.moderation.bi.migrator.config.MigratorConfig;

/**
 * Whether the last audit (every submission and the read model checked, after a full load or on its schedule)
 * passed, and is recent enough ({@code migrator.health.max-audit-age}).
 */
@Wellness
@ApplicationScoped
public class AuditCheck implements HealthCheck {

    private final OperationalState state;
    private final MigratorConfig config;

    AuditCheck(OperationalState state, MigratorConfig config) {
        this.state = state;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return state.check("last-audit", (current, response) -> {
            boolean passed = current.lastAuditPassed().orElse(false);
            return current.aged(response.withData("passed", passed), "lastAudit", current.lastAuditAt(),
                    config.health().maxAuditAge(), passed);
        });
    }
}
