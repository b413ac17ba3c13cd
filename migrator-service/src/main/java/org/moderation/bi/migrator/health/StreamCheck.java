package org.moderation.bi.migrator.health;

import java.sql.SQLException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

import org.moderation.bi.migrator.stream.StreamCommands;
import org.moderation.bi.shared.api.migration.StreamView;

/**
 * How fresh the target is kept: {@code freshness} "live" while the stream of legacy changes is, otherwise how often
 * the scheduled deltas poll. DOWN (degraded, never dead or unready: polling goes on) while a stream that should run
 * cannot: the legacy database cannot stream, the slot is gone, the stream failed, or the deletion guard paused it.
 */
@Wellness
@ApplicationScoped
public class StreamCheck implements HealthCheck {

    private static final Set<String> DEGRADED = Set.of("unavailable", "failed", "paused");

    private final StreamCommands stream;

    StreamCheck(StreamCommands stream) {
        this.stream = stream;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("stream");
        try {
            StreamView view = stream.view();
            response.withData("freshness", view.freshness()).withData("status", view.status());
            if (view.reason() != null) {
                response.withData("reason", view.reason());
            }
            if (view.secondsBehind() != null) {
                response.withData("secondsBehind", view.secondsBehind());
            }
            if (view.slotOnLegacy() == null) {
                response.withData("slot", "the legacy database did not answer");
            } else if (view.slotOnLegacy().exists()) {
                response.withData("slotBehindBytes", view.slotOnLegacy().behindBytes())
                        .withData("slotRetainedBytes", view.slotOnLegacy().retainedBytes());
            }
            return response.status(!view.enabled() || !DEGRADED.contains(view.status())).build();
        } catch (SQLException | RuntimeException e) {
            return response.withData("error", "the stream's state could not be read").down().build();
        }
    }
}
