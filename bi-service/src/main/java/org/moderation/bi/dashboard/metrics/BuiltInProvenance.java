package org.moderation.bi.dashboard.metrics;

import java.util.Map;
import java.util.stream.Collectors;

import org.moderation.bi.shared.api.dashboard.NumberProvenance;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;

/**
 * Where a dashboard number comes from: the built-in metric it was compiled from (its version and the hash of its
 * canonical JSON, which the catalog shows for the version it published) and the relation it was summed from.
 */
public final class BuiltInProvenance {

    private static final Map<String, String> HASHES = BuiltInMetrics.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(MetricDefinition::key, DefinitionHash::of));

    private BuiltInProvenance() {
    }

    public static NumberProvenance of(MetricDefinition metric, MetricSqlCompiler.Source source) {
        return new NumberProvenance(metric.key(), BuiltInMetrics.VERSION, HASHES.get(metric.key()),
                source.readModel());
    }
}
