package org.moderation.bi.shared.metrics;

import java.util.Optional;

/** How the validator finds the metrics a derived metric refers to (the catalog's, or bi-service's cache of it). */
@FunctionalInterface
public interface MetricLookup {

    Optional<MetricDefinition> find(String key);

    MetricLookup NONE = key -> Optional.empty();
}
