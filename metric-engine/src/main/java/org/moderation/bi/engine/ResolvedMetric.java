package org.moderation.bi.engine;

import java.util.Map;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricDefinition;

/**
 * A metric as the catalog holds it, resolved to one version: its identity (key, version, status, the hash of its
 * canonical definition) and definition, and for a derived metric the versions of the metrics it refers to.
 */
public record ResolvedMetric(String key, int version, String status, String definitionHash,
        MetricDefinition definition, Map<String, ResolvedMetric> references) {

    public static final String PUBLISHED = "published";

    public ResolvedMetric {
        references = Map.copyOf(references);
    }

    /** A built-in metric as every catalog seeds it: version {@link BuiltInMetrics#VERSION}, published. */
    public static ResolvedMetric builtIn(MetricDefinition definition) {
        return new ResolvedMetric(definition.key(), BuiltInMetrics.VERSION, PUBLISHED, DefinitionHash.of(definition),
                definition, Map.of());
    }
}
