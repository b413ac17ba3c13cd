package org.moderation.bi.engine.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;
import org.moderation.bi.shared.metrics.Vocabulary;

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

    /**
     * What a pre-aggregation may keep: the dimensions of the facts' events (the declarations' CHECK). A many-valued one
     * (category, hashtag) keeps a submission's events once per value it has, and once without a value where it has
     * none: it answers only a route that asks for that dimension ({@link #answers}).
     */
    public static final Set<Column> DIMENSIONS = Set.of(Column.COMMUNITY, Column.PLATFORM, Column.PLATFORM_DETAIL,
            Column.CATEGORY, Column.HASHTAG);

    /** The engine reads a rollup with a horizon a day inside it: clocks that disagree move its edge. */
    private static final Duration MARGIN = Duration.ofDays(1);

    public PreAggregation {
        dimensions = Set.copyOf(dimensions);
        if (!DIMENSIONS.containsAll(dimensions)) {
            throw new IllegalArgumentException(declaredName + " keeps " + dimensions + ", beyond " + DIMENSIONS);
        }
    }

    /**
     * Whether it answers a route that filters or groups by {@code needed}: it keeps each of them, and every many-valued
     * dimension it keeps is one of them (summed without it, a submission would count once per value).
     */
    public boolean answers(Set<Column> needed) {
        for (Column kept : dimensions) {
            if (kept.manyValued() && !needed.contains(kept)) {
                return false;
            }
        }
        return dimensions.containsAll(needed);
    }

    /**
     * Whether rows kept per value of a many-valued column give a question's filter on it, for a grouping set that
     * groups by that column ({@code grouped}) or not. Without grouping, the filter must pick one row of each
     * submission: one value, or none at all. Grouped, the facts count the groups a filter names (any of these values,
     * any value): the rows of those values. Not so a filter that needs a submission's other values (none of these,
     * all of several), nor two filters on the column.
     */
    public static boolean picksRows(List<Filter> filters, Column column, boolean grouped) {
        List<Filter> on = filters.stream().filter(f -> Column.validated(f.column()) == column).toList();
        if (on.size() != 1) {
            return on.isEmpty();
        }
        Filter filter = on.getFirst();
        int values = filter.named().size();
        return switch (Vocabulary.parse(Operator.class, filter.op()).orElseThrow()) {
            case EQ, ALL_OF -> values == 1;
            case IN -> values == 1 || grouped;
            case IS_NULL -> true;
            case IS_NOT_NULL -> grouped;
            default -> false;
        };
    }

    /** The earliest instant the engine reads from it, or null when it keeps everything. */
    public Instant readableFrom(Instant now) {
        return horizon == null ? null : now.minus(horizon.minus(MARGIN));
    }
}
