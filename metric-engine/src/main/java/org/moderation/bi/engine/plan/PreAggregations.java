package org.moderation.bi.engine.plan;

import java.util.List;

/**
 * The pre-aggregations a read model declares ({@code read_model_rollups}): the only list of them. A rollup declared
 * by a migration is one the engine routes to; none declared means every count is read from the facts.
 * {@code ignored} names declarations the engine cannot route to (a unit or dimension it does not know, a table it may
 * not read): left out, so counts come from the rest, never from a table read wrong.
 */
public record PreAggregations(List<PreAggregation> all, List<String> ignored) {

    public PreAggregations {
        all = List.copyOf(all);
        ignored = List.copyOf(ignored);
    }

    public static PreAggregations none() {
        return new PreAggregations(List.of(), List.of());
    }
}
