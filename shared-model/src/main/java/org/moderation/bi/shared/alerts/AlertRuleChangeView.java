package org.moderation.bi.shared.alerts;

import java.time.Instant;

/**
 * One recorded change to a catalog alert rule: what was done to which version, by whom ({@code actor} the token's
 * subject, {@code actorUsername} its {@code preferred_username} or null) and when.
 */
public record AlertRuleChangeView(String key, int version, String action, String actor, String actorUsername,
        Instant at, String definitionHash) {
}
