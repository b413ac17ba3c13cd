package org.moderation.bi.engine;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
        ResolvedMetric seeded = BuiltIns.SEEDED.get(definition);
        return seeded != null ? seeded : seeded(definition);
    }

    private static ResolvedMetric seeded(MetricDefinition definition) {
        return new ResolvedMetric(definition.key(), BuiltInMetrics.VERSION, PUBLISHED, DefinitionHash.of(definition),
                definition, Map.of());
    }

    /** The built-ins resolved once: requests name them all the time, and their hash is a digest of their JSON. */
    private static final class BuiltIns {
        static final Map<MetricDefinition, ResolvedMetric> SEEDED = BuiltInMetrics.ALL.stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), ResolvedMetric::seeded));
    }
}
