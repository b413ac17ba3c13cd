package org.moderation.bi.engine;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.moderation.bi.shared.catalog.SeededVersion;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.Horizon;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricValidator;

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

    /**
     * The horizon its values are complete after: its own, or for a derived metric the longest of the metrics it is
     * computed from (its value is as young as its youngest part); null where none has one.
     */
    public Duration horizon() {
        return horizon(0);
    }

    private Duration horizon(int depth) {
        if (depth > MetricValidator.MAX_EXPRESSION_DEPTH) {
            throw Refused.tooDeep();
        }
        Duration longest = Horizon.of(definition).orElse(null);
        for (ResolvedMetric part : references.values()) {
            Duration horizon = part.horizon(depth + 1);
            if (horizon != null && (longest == null || horizon.compareTo(longest) > 0)) {
                longest = horizon;
            }
        }
        return longest;
    }

    /** A built-in metric as every catalog seeds it: at its version ({@link BuiltInMetrics#SEEDED}), published. */
    public static ResolvedMetric builtIn(MetricDefinition definition) {
        ResolvedMetric seeded = BuiltIns.SEEDED.get(definition);
        return seeded != null ? seeded : seeded(definition);
    }

    private static ResolvedMetric seeded(MetricDefinition definition) {
        return new ResolvedMetric(definition.key(), BuiltInMetrics.versionOf(definition), PUBLISHED,
                DefinitionHash.of(definition), definition, Map.of());
    }

    /** The built-ins resolved once: requests name them all the time, and their hash is a digest of their JSON. */
    private static final class BuiltIns {
        static final Map<MetricDefinition, ResolvedMetric> SEEDED = BuiltInMetrics.SEEDED.stream()
                .map(SeededVersion::definition)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), ResolvedMetric::seeded));
    }
}
