package org.moderation.bi.engine.plan;

import java.util.List;

/**
 * The pre-aggregations a read model declares ({@code read_model_rollups}, read by the engine with its first
 * snapshot): the only list of them. A rollup declared by a migration is one the engine routes to; none declared
 * means every count is read from the facts.
 */
public record PreAggregations(List<PreAggregation> all) {

    public PreAggregations {
        all = List.copyOf(all);
    }

    public static PreAggregations none() {
        return new PreAggregations(List.of());
    }
}
