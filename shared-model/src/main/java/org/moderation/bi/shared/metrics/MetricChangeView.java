package org.moderation.bi.shared.metrics;

import java.time.Instant;

/**
 * One recorded change to a catalog metric: what was done to which version, by whom and when. {@code actor} is the
 * token's subject (stable); {@code actorUsername} its {@code preferred_username}, null when the token had none.
 */
public record MetricChangeView(String key, int version, String action, String actor, String actorUsername, Instant at,
        String definitionHash) {
}
