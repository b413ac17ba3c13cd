package org.moderation.bi.engine.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.moderation.bi.shared.metrics.Column;

/**
 * One of the read model's pre-aggregations, as a row of its {@code read_model_rollups} declares it (the engine reads
 * the declarations, {@link PreAggregations}, and keeps no list of its own). It keeps the {@link Counter}s of the facts
 * per bucket of its {@link RollupUnit} (UTC) and per value of its dimensions; the engine reads the table and takes
 * back, once per statement, a removal whose takedown is dated after now (what each rollup's "now" view does for
 * other readers).
 *
 * @param declaredName its name in {@code read_model_rollups}
 * @param relation     the kept table, as people know it (and as provenance names it)
 * @param horizon      how far back it keeps buckets (from the start of that UTC day); null: all of them
 */
public record PreAggregation(String declaredName, String relation, String timeColumn, RollupUnit unit,
        Set<Column> dimensions, Duration horizon) {

    /** What a pre-aggregation may keep: the dimensions of the facts' events (the declarations' CHECK). */
    public static final Set<Column> DIMENSIONS = Set.of(Column.COMMUNITY, Column.PLATFORM, Column.PLATFORM_DETAIL);

    /** The engine reads a rollup with a horizon a day inside it: clocks that disagree move its edge. */
    private static final Duration MARGIN = Duration.ofDays(1);

    public PreAggregation {
        dimensions = Set.copyOf(dimensions);
        if (!DIMENSIONS.containsAll(dimensions)) {
            throw new IllegalArgumentException(declaredName + " keeps " + dimensions + ", beyond " + DIMENSIONS);
        }
    }

    /** The earliest instant the engine reads from it, or null when it keeps everything. */
    public Instant readableFrom(Instant now) {
        return horizon == null ? null : now.minus(horizon.minus(MARGIN));
    }
}
