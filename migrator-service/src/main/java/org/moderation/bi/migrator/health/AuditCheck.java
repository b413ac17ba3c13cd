package org.moderation.bi.migrator.health;

import java.sql.SQLException;

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
        var response = HealthCheckResponse.named("last-audit");
        try {
            OperationalState.State current = state.current();
            boolean passed = current.lastAuditPassed().orElse(false);
            return current.aged(response.withData("passed", passed), "lastAudit", current.lastAuditAt(),
                    config.health().maxAuditAge(), passed);
        } catch (SQLException e) {
            return response.withData("error", "target database did not answer").down().build();
        }
    }
}
