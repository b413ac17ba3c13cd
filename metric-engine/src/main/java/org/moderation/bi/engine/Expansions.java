package org.moderation.bi.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.moderation.bi.engine.plan.Counter;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;

/**
 * A breakdown by the takedown source, taken one value at a time: the pre-aggregations do not group by it but count
 * removals per source, so "removals by source" is the removals from each source, read where the removals are. Exact
 * because the vocabulary is closed and, by the takedown rule, a removal always has a source (the source is null
 * exactly when there is no effective takedown time).
 */
final class Expansions {

    private Expansions() {
    }

    /** The breakdown as one measure per value, when every part then has a counter; null otherwise. */
    static MetricEngine.Expansion of(Column dimension, List<Measure> parts) {
        if (dimension != Column.TAKEDOWN_SOURCE || parts.isEmpty()) {
            return null;
        }
        for (Measure part : parts) {
            if (Column.validated(part.time()) != Column.EFFECTIVE_TAKEDOWN_AT) {
                return null;
            }
            for (String value : BuiltInMetrics.TAKEDOWN_SOURCES) {
                if (Counter.of(narrowed(part, dimension, value)).isEmpty()) {
                    return null;
                }
            }
        }
        return new MetricEngine.Expansion(dimension, BuiltInMetrics.TAKEDOWN_SOURCES);
    }

    /** The measures a part is computed as: itself, or one per value of the expanded dimension. */
    static List<Measure> measures(Measure part, MetricEngine.Expansion expansion) {
        if (expansion == null) {
            return List.of(part);
        }
        return expansion.values().stream().map(v -> narrowed(part, expansion.dimension(), v)).toList();
    }

    static Measure narrowed(Measure part, Column dimension, String value) {
        var filters = new ArrayList<>(part.filters());
        filters.add(new Filter(dimension.jsonName(), "eq", value, null));
        return new Measure(part.aggregation(), part.column(), part.time(), filters);
    }

    /** Each group with each value of the expanded dimension added. */
    static Set<MetricEngine.Key> groups(Set<MetricEngine.Key> groups, MetricEngine.Expansion expansion) {
        if (expansion == null) {
            return groups;
        }
        var expanded = new LinkedHashSet<MetricEngine.Key>();
        for (MetricEngine.Key key : groups) {
            for (String value : expansion.values()) {
                var group = new LinkedHashMap<>(key.group());
                group.put(expansion.dimension(), value);
                expanded.add(new MetricEngine.Key(key.grouping(), key.bucket(), group));
            }
        }
        return expanded;
    }
}
