package org.moderation.bi.shared.metrics.compile;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.TimeValues;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;

/**
 * The one way a number is computed: measures of the metric language turned into SQL over the read model. Every piece
 * of SQL text comes from a switch over the language's enums; names from a request only select fragments and values
 * are bound parameters. The community scope is always applied.
 * <p>
 * Several measures over one window and scope compile into one statement (one scan, one round trip), grouped by
 * several grouping sets at once. {@link #route} chooses the cheapest source that gives the same answer: the hourly or
 * the daily rollup when the window, the time zone, the filters and the groups allow it, the facts otherwise.
 */
public final class MetricSqlCompiler {

    /** How far back the hourly rollup may be read: the migrator keeps it a day longer, for clocks that disagree. */
    public static final Duration HOURS_KEPT = Duration.ofDays(7);

    /** Where a statement reads. */
    public enum Source {
        DAILY_ROLLUP("mv_daily_rollup", "daily_rollup_now", "r.day::timestamp"),
        HOURLY_ROLLUP("mv_hourly_rollup", "hourly_rollup_now", "r.hour AT TIME ZONE 'UTC'"),
        FACTS("mv_submission_facts", "mv_submission_facts", null);

        private final String readModel;
        private final String relation;
        /** The rollup's bucket as a UTC timestamp without zone. */
        private final String utcTime;

        Source(String readModel, String relation, String utcTime) {
            this.readModel = readModel;
            this.relation = relation;
            this.utcTime = utcTime;
        }

        /** The read model's table the numbers are summed from, as people know it. */
        public String readModel() {
            return readModel;
        }
    }

    /** The communities a statement may read: all, or exactly these slugs (possibly none). */
    public record Scope(boolean all, List<String> communities) {

        public Scope {
            communities = List.copyOf(communities);
        }
    }

    /**
     * What to compute over: the window [from, to), the zone of the buckets, an optional grain, the grouping sets
     * (each a list of dimensions; one empty list for a plain total), extra filters applied to every measure, the
     * scope, and at most how many rows the caller accepts: reading more is {@link TooManyRows}, never an answer cut
     * short.
     */
    public record Spec(Instant from, Instant to, ZoneId zone, Grain grain, List<List<Column>> groupings,
            List<Filter> filters, Scope scope, int rowLimit) {

        public Spec {
            groupings = groupings.stream().map(List::copyOf).toList();
            filters = List.copyOf(filters);
        }
    }

    private MetricSqlCompiler() {
    }

    /**
     * The one routing rule. The rollups hold, per UTC day (hour) × community × platform × platform detail, counts of
     * submissions, of submissions removed by now, and of removals by source; they can answer a statement whose
     * measures are all counts of rows anchored on submitted_at or effective_takedown_at, filtered and grouped only by
     * what the rollups keep, over a window of whole UTC days (hours, within {@link #HOURS_KEPT}), bucketed in UTC.
     */
    public static Source route(List<Measure> measures, Spec spec, Instant now) {
        boolean utcBuckets = spec.grain() == null || ZoneOffset.UTC.equals(spec.zone().normalized());
        boolean countable = utcBuckets && measures.stream().allMatch(MetricSqlCompiler::rollupCounts)
                && spec.filters().stream().allMatch(f -> ROLLUP_DIMENSIONS.contains(column(f.column())))
                && spec.groupings().stream().allMatch(g -> ROLLUP_DIMENSIONS.containsAll(g));
        if (!countable) {
            return Source.FACTS;
        }
        if (spec.grain() != Grain.HOUR && whole(spec, ChronoUnit.DAYS)) {
            return Source.DAILY_ROLLUP;
        }
        if (whole(spec, ChronoUnit.HOURS) && !spec.from().isBefore(now.minus(HOURS_KEPT))) {
            return Source.HOURLY_ROLLUP;
        }
        return Source.FACTS;
    }

    /**
     * One statement computing every measure for every grouping set. Each row: the index of its grouping set, the
     * bucket (null without a grain), one column per dimension of any grouping set (null where it is not grouped),
     * then one value per measure, in the order given.
     *
     * @throws IllegalArgumentException when a grain is asked of facts for measures anchored on different times
     */
    public static CompiledQuery compile(List<Measure> measures, Spec spec, Instant now) {
        return compile(measures, spec, route(measures, spec, now));
    }

    /**
     * The same statement from a source chosen by the caller: to show that every source {@link #route} may choose
     * gives the same numbers.
     */
    public static CompiledQuery compile(List<Measure> measures, Spec spec, Source source) {
        var dimensions = new ArrayList<Column>(new LinkedHashSet<>(spec.groupings().stream().flatMap(List::stream)
                .toList()));
        var parameters = new ArrayList<Object>();
        Function<Column, String> sql = source == Source.FACTS ? MetricSqlCompiler::factColumn
                : MetricSqlCompiler::rollupColumn;
        var select = new StringBuilder("SELECT ");
        select.append(dimensions.isEmpty() ? "0" : "grouping(" + String.join(", ",
                dimensions.stream().map(sql).toList()) + ")");
        select.append(", ").append(bucket(source, measures, spec, parameters));
        for (Column dimension : dimensions) {
            select.append(", ").append(sql.apply(dimension));
        }
        for (Measure measure : measures) {
            select.append(", ").append(source == Source.FACTS ? factAggregate(measure, spec, parameters)
                    : rollupAggregate(measure, parameters));
        }
        select.append(" FROM ").append(source.relation).append(source == Source.FACTS ? " f"
                : " r LEFT JOIN communities c ON c.id = r.community_id");
        select.append(" WHERE ").append(window(source, measures, spec, parameters));
        select.append(" AND ").append(inScope(sql, spec, parameters));
        for (Filter filter : spec.filters()) {
            select.append(" AND ").append(condition(filter, sql, parameters));
        }
        boolean grouped = spec.grain() != null || !dimensions.isEmpty() || spec.groupings().size() > 1;
        if (grouped) {
            select.append(" GROUP BY GROUPING SETS (");
            for (int i = 0; i < spec.groupings().size(); i++) {
                var keys = new ArrayList<String>();
                if (spec.grain() != null) {
                    keys.add("2");
                }
                spec.groupings().get(i).forEach(d -> keys.add(sql.apply(d)));
                select.append(i == 0 ? "" : ", ").append("(").append(String.join(", ", keys)).append(")");
            }
            select.append(") ORDER BY 1, 2");
            for (int i = 0; i < dimensions.size(); i++) {
                select.append(", ").append(3 + i);
            }
        }
        select.append(" LIMIT ?");
        parameters.add(spec.rowLimit() + 1);
        return new CompiledQuery(select.toString(), List.copyOf(parameters), source, spec.groupings(), dimensions,
                measures.size(), spec.rowLimit());
    }

    /** What the rollups are grouped by, and so what a statement on them may filter and group by. */
    private static final Set<Column> ROLLUP_DIMENSIONS = Set.of(Column.COMMUNITY, Column.PLATFORM,
            Column.PLATFORM_DETAIL);

    private static boolean rollupCounts(Measure measure) {
        return Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow() == Aggregation.COUNT
                && measure.column() == null && rollupCounter(measure).isPresent();
    }

    /** The rollup column that counts this measure's rows, when one does: by its time and its one special filter. */
    private static Optional<String> rollupCounter(Measure measure) {
        Column time = column(measure.time());
        var special = measure.filters().stream().filter(f -> !ROLLUP_DIMENSIONS.contains(column(f.column())))
                .toList();
        if (special.size() > 1) {
            return Optional.empty();
        }
        if (special.isEmpty()) {
            return time == Column.SUBMITTED_AT ? Optional.of("submissions")
                    : time == Column.EFFECTIVE_TAKEDOWN_AT ? Optional.of("removals") : Optional.empty();
        }
        Filter filter = special.getFirst();
        Operator op = Vocabulary.parse(Operator.class, filter.op()).orElseThrow();
        Column column = column(filter.column());
        if (time == Column.SUBMITTED_AT && column == Column.TAKEN_DOWN && op == Operator.EQ
                && Boolean.TRUE.equals(filter.value())) {
            return Optional.of("submissions_removed");
        }
        if (time == Column.EFFECTIVE_TAKEDOWN_AT && column == Column.TAKEDOWN_SOURCE) {
            if (op == Operator.IS_NOT_NULL) {
                return Optional.of("removals");
            }
            if (op == Operator.EQ && "report_flow".equals(filter.value())) {
                return Optional.of("removals_report_flow");
            }
            if (op == Operator.EQ && "legacy_fallback".equals(filter.value())) {
                return Optional.of("removals_legacy_fallback");
            }
        }
        return Optional.empty();
    }

    private static boolean whole(Spec spec, ChronoUnit unit) {
        return spec.from().equals(spec.from().truncatedTo(unit)) && spec.to().equals(spec.to().truncatedTo(unit));
    }

    private static String bucket(Source source, List<Measure> measures, Spec spec, List<Object> parameters) {
        if (spec.grain() == null) {
            return "CAST(NULL AS timestamptz)";
        }
        String unit = "'" + Vocabulary.jsonName(spec.grain()) + "'";
        if (source != Source.FACTS) {
            return "date_trunc(" + unit + ", " + source.utcTime + ") AT TIME ZONE 'UTC'";
        }
        List<Column> times = measures.stream().map(m -> column(m.time())).distinct().toList();
        if (times.size() != 1) {
            throw new IllegalArgumentException("a grain needs measures anchored on one time column: " + times);
        }
        parameters.add(spec.zone().getId());
        parameters.add(spec.zone().getId());
        return "date_trunc(" + unit + ", " + factColumn(times.getFirst()) + " AT TIME ZONE ?) AT TIME ZONE ?";
    }

    /** The rows any measure counts: its time in the window (facts), or the buckets of the window (rollups). */
    private static String window(Source source, List<Measure> measures, Spec spec, List<Object> parameters) {
        if (source == Source.DAILY_ROLLUP) {
            parameters.add(spec.from().atOffset(ZoneOffset.UTC).toLocalDate());
            parameters.add(spec.to().atOffset(ZoneOffset.UTC).toLocalDate());
            return "r.day >= ? AND r.day < ?";
        }
        if (source == Source.HOURLY_ROLLUP) {
            parameters.add(spec.from().atOffset(ZoneOffset.UTC));
            parameters.add(spec.to().atOffset(ZoneOffset.UTC));
            return "r.hour >= ? AND r.hour < ?";
        }
        var times = new ArrayList<String>();
        for (Column time : measures.stream().map(m -> column(m.time())).distinct().toList()) {
            times.add(inWindow(time, spec, parameters));
        }
        return "(" + String.join(" OR ", times) + ")";
    }

    /** The community scope, always applied: every community, or exactly the slugs named (possibly none). */
    static String inScope(Function<Column, String> sqlOf, Spec spec, List<Object> parameters) {
        parameters.add(spec.scope().all());
        parameters.add(new CompiledQuery.ArrayParameter("text", spec.scope().communities().toArray()));
        return "(? OR " + sqlOf.apply(Column.COMMUNITY) + " = ANY (?::text[]))";
    }

    static String inWindow(Column time, Spec spec, List<Object> parameters) {
        parameters.add(spec.from().atOffset(ZoneOffset.UTC));
        parameters.add(spec.to().atOffset(ZoneOffset.UTC));
        return "(" + factColumn(time) + " >= ? AND " + factColumn(time) + " < ?)";
    }

    private static String rollupAggregate(Measure measure, List<Object> parameters) {
        var conditions = new ArrayList<String>();
        for (Filter filter : measure.filters()) {
            if (ROLLUP_DIMENSIONS.contains(column(filter.column()))) {
                conditions.add(condition(filter, MetricSqlCompiler::rollupColumn, parameters));
            }
        }
        return "coalesce(sum(r." + rollupCounter(measure).orElseThrow() + ")"
                + (conditions.isEmpty() ? "" : " FILTER (WHERE " + String.join(" AND ", conditions) + ")")
                + ", 0)::double precision";
    }

    private static String factAggregate(Measure measure, Spec spec, List<Object> parameters) {
        var conditions = new ArrayList<String>();
        conditions.add(inWindow(column(measure.time()), spec, parameters));
        for (Filter filter : measure.filters()) {
            conditions.add(condition(filter, MetricSqlCompiler::factColumn, parameters));
        }
        String only = " FILTER (WHERE " + String.join(" AND ", conditions) + ")";
        Aggregation aggregation = Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow();
        Column column = measure.column() == null ? null : column(measure.column());
        String value = column == null || column.type() == Column.Type.TIMESTAMP ? null : factColumn(column);
        return switch (aggregation) {
            case COUNT -> (column == null ? "count(*)" : "count(" + factColumn(column) + ")") + only
                    + "::double precision";
            case COUNT_DISTINCT -> "count(DISTINCT " + factColumn(column) + ")" + only + "::double precision";
            case SUM -> "sum(" + value + ")" + only + "::double precision";
            case AVG -> "avg(" + value + ")" + only + "::double precision";
            case MEDIAN -> "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + value + ")" + only;
            case MIN -> extreme("min", column, only);
            case MAX -> extreme("max", column, only);
        };
    }

    /** Times are answered as seconds since the epoch, like every other value: a number. */
    private static String extreme(String function, Column column, String only) {
        return column.type() == Column.Type.TIMESTAMP
                ? "extract(epoch FROM " + function + "(" + factColumn(column) + ")" + only + ")::double precision"
                : function + "(" + factColumn(column) + ")" + only + "::double precision";
    }

    static String condition(Filter filter, Function<Column, String> sqlOf, List<Object> parameters) {
        Column column = column(filter.column());
        String sql = sqlOf.apply(column);
        Operator op = Vocabulary.parse(Operator.class, filter.op()).orElseThrow();
        return switch (op) {
            case EQ -> bind(sql + " = ", column, filter.value(), parameters);
            case NEQ -> bind(sql + " IS DISTINCT FROM ", column, filter.value(), parameters);
            case GT -> bind(sql + " > ", column, filter.value(), parameters);
            case GTE -> bind(sql + " >= ", column, filter.value(), parameters);
            case LT -> bind(sql + " < ", column, filter.value(), parameters);
            case LTE -> bind(sql + " <= ", column, filter.value(), parameters);
            case BETWEEN -> "(" + bind(sql + " BETWEEN ", column, filter.values().get(0), parameters)
                    + bind(" AND ", column, filter.values().get(1), parameters) + ")";
            case IN -> {
                parameters.add(array(column, filter.values()));
                yield sql + " = ANY (?::" + sqlType(column) + "[])";
            }
            case NOT_IN -> {
                parameters.add(array(column, filter.values()));
                yield "(" + sql + " IS NULL OR NOT (" + sql + " = ANY (?::" + sqlType(column) + "[])))";
            }
            case IS_NULL -> sql + " IS NULL";
            case IS_NOT_NULL -> sql + " IS NOT NULL";
        };
    }

    private static String bind(String sql, Column column, Object value, List<Object> parameters) {
        parameters.add(value(column, value));
        return sql + "?::" + sqlType(column);
    }

    private static CompiledQuery.ArrayParameter array(Column column, List<Object> values) {
        return new CompiledQuery.ArrayParameter(sqlType(column), values.stream().map(v -> value(column, v)).toArray());
    }

    private static Object value(Column column, Object value) {
        return switch (column.type()) {
            case STRING -> (String) value;
            case BOOLEAN -> (Boolean) value;
            case ID -> ((Number) value).longValue();
            case NUMBER, DURATION -> ((Number) value).doubleValue();
            case TIMESTAMP -> TimeValues.parse(value).orElseThrow().atOffset(ZoneOffset.UTC);
        };
    }

    private static String sqlType(Column column) {
        return switch (column.type()) {
            case STRING -> "text";
            case BOOLEAN -> "boolean";
            case ID -> "bigint";
            case NUMBER, DURATION -> "double precision";
            case TIMESTAMP -> "timestamptz";
        };
    }

    static Column column(String name) {
        return Column.named(name).orElseThrow(() -> new IllegalArgumentException("not a validated column: " + name));
    }

    /** The facts' SQL for each column of the language; "taken down by now" is the read model's own function. */
    public static String factColumn(Column column) {
        return switch (column) {
            case SUBMISSION_ID -> "f.submission_id";
            case COMMUNITY -> "f.community_slug";
            case PLATFORM -> "f.platform";
            case PLATFORM_DETAIL -> "f.platform_detail";
            case STATUS -> "f.status";
            case TAKEDOWN_SOURCE -> "f.takedown_source";
            case SUBMITTED_AT -> "f.submitted_at";
            case EFFECTIVE_TAKEDOWN_AT -> "f.effective_takedown_at";
            case TAKEN_DOWN -> "coalesce(taken_down_by_now(f.effective_takedown_at), false)";
            case REPORT_COUNT -> "f.report_count";
            case HASHTAG_COUNT -> "f.hashtag_count";
            case ANALYSIS_SCORE -> "f.analysis_score";
            case TIME_TO_TAKEDOWN -> "extract(epoch FROM f.effective_takedown_at - f.submitted_at)::double precision";
        };
    }

    /** The rollups' SQL for the dimensions they keep. */
    private static String rollupColumn(Column column) {
        return switch (column) {
            case COMMUNITY -> "c.slug";
            case PLATFORM -> "r.platform";
            case PLATFORM_DETAIL -> "r.platform_detail";
            default -> throw new IllegalArgumentException(column + " is not kept by the rollups");
        };
    }
}
