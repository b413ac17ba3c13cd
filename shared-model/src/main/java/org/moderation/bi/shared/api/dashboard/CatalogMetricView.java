package org.moderation.bi.shared.api.dashboard;

import java.util.List;

/**
 * A catalog metric a dashboard may show, at the version it computes: its latest published one, or, when all were
 * retired, its latest deprecated one ({@code status} says which).
 *
 * @param grains         the buckets a series of it may have (empty: a single value only)
 * @param definitionHash the hash of the version's canonical definition, as the catalog shows it
 * @param neverCounted   whether, as the catalog found, it counted nothing over the read model's whole history (null:
 *                       not known)
 * @param horizon        a cohort rate's horizon (ISO-8601, {@code P14D}): its windows are immature until their
 *                       submissions are that old; null without one
 */
public record CatalogMetricView(String key, String name, String description, String type, String unit,
        List<String> grains, int version, String status, String definitionHash, Boolean neverCounted,
        String horizon) {
}
