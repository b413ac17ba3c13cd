package org.moderation.bi.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.moderation.bi.engine.sql.Conditions;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;

/**
 * What every pre-aggregation counts per bucket (the read model's {@code submission_fact_events}): submissions on the
 * day they were submitted, those of them removed by now, and removals on the day of their effective takedown, in all
 * and per takedown source.
 */
public enum Counter {
    SUBMISSIONS("submissions"),
    SUBMISSIONS_REMOVED("submissions_removed"),
    REMOVALS("removals"),
    REMOVALS_REPORT_FLOW("removals_report_flow"),
    REMOVALS_LEGACY_FALLBACK("removals_legacy_fallback");

    /** A measure as a counter, narrowed by conditions on dimensions every pre-aggregation keeps. */
    public record Counted(Counter counter, List<Filter> dimensionFilters) {
    }

    private final String column;

    Counter(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /**
     * The counter that counts a measure's rows, if one does: a count of rows anchored on submitted_at or
     * effective_takedown_at, whose filters are on the rollups' dimensions but at most one that picks a counter.
     */
    public static Optional<Counted> of(Measure measure) {
        if (Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow() != Aggregation.COUNT
                || measure.column() != null) {
            return Optional.empty();
        }
        var dimensionFilters = new ArrayList<Filter>();
        var special = new ArrayList<Filter>();
        for (Filter filter : measure.filters()) {
            (PreAggregation.Dimensions.ALL.contains(Conditions.column(filter.column())) ? dimensionFilters : special)
                    .add(filter);
        }
        if (special.size() > 1) {
            return Optional.empty();
        }
        Column time = Conditions.column(measure.time());
        Optional<Counter> counter = special.isEmpty() ? plain(time) : narrowed(time, special.getFirst());
        return counter.map(c -> new Counted(c, List.copyOf(dimensionFilters)));
    }

    private static Optional<Counter> plain(Column time) {
        return switch (time) {
            case SUBMITTED_AT -> Optional.of(SUBMISSIONS);
            case EFFECTIVE_TAKEDOWN_AT -> Optional.of(REMOVALS);
            default -> Optional.empty();
        };
    }

    private static Optional<Counter> narrowed(Column time, Filter filter) {
        Operator op = Vocabulary.parse(Operator.class, filter.op()).orElseThrow();
        Column column = Conditions.column(filter.column());
        if (time == Column.SUBMITTED_AT && column == Column.TAKEN_DOWN && op == Operator.EQ
                && Boolean.TRUE.equals(filter.value())) {
            return Optional.of(SUBMISSIONS_REMOVED);
        }
        if (time == Column.EFFECTIVE_TAKEDOWN_AT && column == Column.TAKEDOWN_SOURCE) {
            if (op == Operator.IS_NOT_NULL) {
                return Optional.of(REMOVALS);
            }
            if (op == Operator.EQ && "report_flow".equals(filter.value())) {
                return Optional.of(REMOVALS_REPORT_FLOW);
            }
            if (op == Operator.EQ && "legacy_fallback".equals(filter.value())) {
                return Optional.of(REMOVALS_LEGACY_FALLBACK);
            }
        }
        return Optional.empty();
    }
}
