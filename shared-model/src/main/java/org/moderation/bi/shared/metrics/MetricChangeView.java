package org.moderation.bi.shared.metrics;

import java.time.Instant;

/** One recorded change to a catalog metric: what was done to which version, by whom (token subject) and when. */
public record MetricChangeView(String key, int version, String action, String actor, Instant at, String definitionHash) {
}
