package org.moderation.bi.engine.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;
import org.moderation.bi.shared.metrics.Vocabulary;

/**
 * What every pre-aggregation counts per bucket (the read model's {@code submission_fact_events}): submissions on the
 * day they were submitted, those of them removed by now, and removals on the day of their effective takedown, in all
 * and per takedown source; and, on the day of their submission, those removed within the kept horizon of it (V16), the
 * numerator of a cohort rate with that horizon. In the order of the rollups' columns.
 */
public enum Counter {
    SUBMISSIONS("submissions", null),
    SUBMISSIONS_REMOVED("submissions_removed", null),
    REMOVALS("removals", null),
    REMOVALS_REPORT_FLOW("removals_report_flow", null),
    REMOVALS_LEGACY_FALLBACK("removals_legacy_fallback", null),
    SUBMISSIONS_REMOVED_WITHIN_HORIZON("submissions_removed_14d", Duration.ofDays(14));

    /**
     * A measure as a counter, narrowed by conditions on single-valued dimensions the pre-aggregations keep (one on a
     * many-valued one holds per submission, not per value: the facts answer it).
     */
    public record Counted(Counter counter, List<Filter> dimensionFilters) {
    }

    private final String column;
    private final Duration horizon;

    Counter(String column, Duration horizon) {
        this.column = column;
        this.horizon = horizon;
    }

    public String column() {
        return column;
    }

    /** For a count of submissions taken down within a horizon of their submission: that horizon; else null. */
    public Duration horizon() {
        return horizon;
    }

    /**
     * The counter that counts a measure's rows, if one does: a count of rows anchored on submitted_at or
     * effective_takedown_at, whose filters are on the rollups' single-valued dimensions but at most one that picks a
     * counter (two for the takedowns within the kept horizon: taken down, and a time to takedown of at most the
     * horizon).
     */
    public static Optional<Counted> of(Measure measure) {
        if (Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow() != Aggregation.COUNT
                || measure.column() != null) {
            return Optional.empty();
        }
        var dimensionFilters = new ArrayList<Filter>();
        var special = new ArrayList<Filter>();
        for (Filter filter : measure.filters()) {
            Column column = Column.validated(filter.column());
            (PreAggregation.DIMENSIONS.contains(column) && !column.manyValued() ? dimensionFilters : special)
                    .add(filter);
        }
        Column time = Column.validated(measure.time());
        Optional<Counter> counter = switch (special.size()) {
            case 0 -> plain(time);
            case 1 -> narrowed(time, special.getFirst());
            case 2 -> withinHorizon(time, special);
            default -> Optional.empty();
        };
        return counter.map(c -> new Counted(c, List.copyOf(dimensionFilters)));
    }

    private static Optional<Counter> plain(Column time) {
        return switch (time) {
            case SUBMITTED_AT -> Optional.of(SUBMISSIONS);
            case EFFECTIVE_TAKEDOWN_AT -> Optional.of(REMOVALS);
            default -> Optional.empty();
        };
    }

    /** Submissions taken down within the kept horizon of their submission ({@code Horizon.counted}). */
    private static Optional<Counter> withinHorizon(Column time, List<Filter> filters) {
        Counter within = SUBMISSIONS_REMOVED_WITHIN_HORIZON;
        boolean takenDown = filters.stream().anyMatch(f -> narrowed(time, f).orElse(null) == SUBMISSIONS_REMOVED);
        boolean inHorizon = filters.stream().anyMatch(f -> Column.validated(f.column()) == Column.TIME_TO_TAKEDOWN
                && Vocabulary.parse(Operator.class, f.op()).orElseThrow() == Operator.LTE
                && f.value() instanceof Number seconds && seconds.doubleValue() == within.horizon.toSeconds());
        return time == Column.SUBMITTED_AT && takenDown && inHorizon ? Optional.of(within) : Optional.empty();
    }

    private static Optional<Counter> narrowed(Column time, Filter filter) {
        Operator op = Vocabulary.parse(Operator.class, filter.op()).orElseThrow();
        Column column = Column.validated(filter.column());
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
