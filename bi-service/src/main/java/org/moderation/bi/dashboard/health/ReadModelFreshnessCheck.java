package org.moderation.bi.dashboard.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;

/**
 * A read model that no migration run has found equal to the legacy database for longer than
 * {@code bi.read-model-max-age} makes the service degraded ({@code /q/health/well} DOWN), never dead or unready: old
 * numbers, labelled with their age, are still worth serving. Not the time since the last change: a quiet night changes
 * nothing, and the numbers are still current.
 */
@Wellness
@ApplicationScoped
public class ReadModelFreshnessCheck implements HealthCheck {

    private final ReadModelFreshness freshness;
    private final BiConfig config;

    ReadModelFreshnessCheck(ReadModelFreshness freshness, BiConfig config) {
        this.freshness = freshness;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var now = freshness.freshness();
        var response = HealthCheckResponse.named("read-model-freshness")
                .withData("maxAgeSeconds", config.readModelMaxAge().toSeconds());
        if (now.changedAt() == null) {
            return response.withData("changedAt", "unknown").down().build();
        }
        response.withData("version", now.version()).withData("changedAt", now.changedAt().toString())
                .withData("ageSeconds", now.ageSeconds());
        if (now.verifiedAt() == null) {
            return response.withData("verifiedAt", "never").down().build();
        }
        return response.withData("verifiedAt", now.verifiedAt().toString())
                .withData("verifiedAgeSeconds", now.verifiedAgeSeconds())
                .status(now.verifiedAgeSeconds() <= config.readModelMaxAge().toSeconds()).build();
    }
}
