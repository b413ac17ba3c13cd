package org.moderation.bi.migrator.health;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;

import org.moderation.bi.migrator.config.MigratorConfig;

/**
 * Whether the target is being kept up to date: the last successful run is recent enough. A wellness check
 * ({@code /q/health/well}), not readiness: stale data is a reason to look, not to stop serving or restart.
 */
@Wellness
@ApplicationScoped
public class LastSuccessfulRunCheck implements HealthCheck {

    private final AgroalDataSource target;
    private final MigratorConfig config;

    LastSuccessfulRunCheck(AgroalDataSource target, MigratorConfig config) {
        this.target = target;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("last-successful-run")
                .withData("maxAgeSeconds", config.health().maxSuccessAge().toSeconds());
        try (var connection = target.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT max(finished_at), now() FROM migration_runs WHERE status = 'succeeded'")) {
            rows.next();
            OffsetDateTime last = rows.getObject(1, OffsetDateTime.class);
            if (last == null) {
                return response.withData("lastSuccess", "never").down().build();
            }
            long age = Duration.between(last, rows.getObject(2, OffsetDateTime.class)).toSeconds();
            return response.withData("lastSuccess", last.toString()).withData("ageSeconds", age)
                    .status(age <= config.health().maxSuccessAge().toSeconds()).build();
        } catch (SQLException e) {
            return response.withData("error", "target database did not answer").down().build();
        }
    }
}
