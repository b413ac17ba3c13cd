package org.moderation.bi.dashboard.metrics.compile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.TimeValues;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;

/**
 * Turns a validated measure into SQL over {@code mv_submission_facts}. Every piece of SQL text comes from a switch
 * over the language's enums below; names and values from the request never become SQL text: names select a
 * fragment, values become bound parameters. The community scope is always applied.
 */
public final class MetricSqlCompiler {

    private MetricSqlCompiler() {
    }

    /** What to compute over: the window [from, to), an optional grain, dimensions, extra filters and the scope. */
    public record Spec(Instant from, Instant to, Grain grain, List<Column> groupBy, List<Filter> filters,
            CommunityScope scope, int rowLimit) {
    }

    public static MeasureQuery compile(Measure measure, Spec spec) {
        Column time = column(measure.time());
        var parameters = new ArrayList<Object>();
        var select = new StringBuilder("SELECT ").append(bucket(spec.grain(), time)).append(" AS bucket");
        for (Column dimension : spec.groupBy()) {
            select.append(", ").append(sql(dimension));
        }
        select.append(", ").append(aggregate(measure)).append(" AS value FROM mv_submission_facts WHERE ")
                .append(sql(time)).append(" >= ? AND ").append(sql(time)).append(" < ?")
                .append(" AND (? OR community_slug = ANY (?::text[]))");
        parameters.add(spec.from().atOffset(ZoneOffset.UTC));
        parameters.add(spec.to().atOffset(ZoneOffset.UTC));
        parameters.add(spec.scope().all());
        parameters.add(new MeasureQuery.ArrayParameter("text", spec.scope().communities().toArray()));
        for (Filter filter : measure.filters()) {
            select.append(" AND ").append(condition(filter, parameters));
        }
        for (Filter filter : spec.filters()) {
            select.append(" AND ").append(condition(filter, parameters));
        }
        int keys = spec.groupBy().size() + (spec.grain() == null ? 0 : 1);
        if (keys > 0) {
            var positions = new StringBuilder();
            int first = spec.grain() == null ? 2 : 1;
            for (int i = 0; i < keys; i++) {
                positions.append(i == 0 ? "" : ", ").append(first + i);
            }
            select.append(" GROUP BY ").append(positions).append(" ORDER BY ").append(positions);
        }
        select.append(" LIMIT ?");
        parameters.add(spec.rowLimit());
        return new MeasureQuery(select.toString(), List.copyOf(parameters), spec.groupBy().size());
    }

    private static String bucket(Grain grain, Column time) {
        if (grain == null) {
            return "CAST(NULL AS timestamptz)";
        }
        String unit = switch (grain) {
            case DAY -> "'day'";
            case WEEK -> "'week'";
            case MONTH -> "'month'";
        };
        return "date_trunc(" + unit + ", " + sql(time) + " AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";
    }

    private static String aggregate(Measure measure) {
        Aggregation aggregation = Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow();
        Column column = measure.column() == null ? null : column(measure.column());
        String value = column == null ? null
                : column.type() == Column.Type.TIMESTAMP ? null : sql(column);
        return switch (aggregation) {
            case COUNT -> column == null ? "count(*)" : "count(" + sql(column) + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + sql(column) + ")";
            case SUM -> "sum(" + value + ")::double precision";
            case AVG -> "avg(" + value + ")::double precision";
            case MEDIAN -> "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + value + ")";
            case MIN -> extreme("min", column);
            case MAX -> extreme("max", column);
        };
    }

    /** Times are answered as seconds since the epoch, like every other value: a number. */
    private static String extreme(String function, Column column) {
        return column.type() == Column.Type.TIMESTAMP
                ? "extract(epoch FROM " + function + "(" + sql(column) + "))::double precision"
                : function + "(" + sql(column) + ")::double precision";
    }

    private static String condition(Filter filter, List<Object> parameters) {
        Column column = column(filter.column());
        String sql = sql(column);
        Operator op = Vocabulary.parse(Operator.class, filter.op()).orElseThrow();
        return switch (op) {
            case EQ -> bind(sql + " = ?", column, filter.value(), parameters);
            case NEQ -> bind(sql + " IS DISTINCT FROM ?", column, filter.value(), parameters);
            case GT -> bind(sql + " > ?", column, filter.value(), parameters);
            case GTE -> bind(sql + " >= ?", column, filter.value(), parameters);
            case LT -> bind(sql + " < ?", column, filter.value(), parameters);
            case LTE -> bind(sql + " <= ?", column, filter.value(), parameters);
            case BETWEEN -> {
                bind("", column, filter.values().get(0), parameters);
                bind("", column, filter.values().get(1), parameters);
                yield "(" + sql + " BETWEEN " + cast(column) + " AND " + cast(column) + ")";
            }
            case IN -> {
                parameters.add(array(column, filter.values()));
                yield sql + " = ANY (?::" + arrayType(column) + "[])";
            }
            case NOT_IN -> {
                parameters.add(array(column, filter.values()));
                yield "(" + sql + " IS NULL OR NOT (" + sql + " = ANY (?::" + arrayType(column) + "[])))";
            }
            case IS_NULL -> sql + " IS NULL";
            case IS_NOT_NULL -> sql + " IS NOT NULL";
        };
    }

    private static String bind(String sql, Column column, Object value, List<Object> parameters) {
        parameters.add(value(column, value));
        return sql.isEmpty() ? sql : sql.substring(0, sql.length() - 1) + cast(column);
    }

    private static String cast(Column column) {
        return "?::" + arrayType(column);
    }

    private static MeasureQuery.ArrayParameter array(Column column, List<Object> values) {
        return new MeasureQuery.ArrayParameter(arrayType(column), values.stream().map(v -> value(column, v)).toArray());
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

    private static String arrayType(Column column) {
        return switch (column.type()) {
            case STRING -> "text";
            case BOOLEAN -> "boolean";
            case ID -> "bigint";
            case NUMBER, DURATION -> "double precision";
            case TIMESTAMP -> "timestamptz";
        };
    }

    private static Column column(String name) {
        return Column.named(name).orElseThrow(() -> new IllegalArgumentException("not a validated column"));
    }

    /** The read model's SQL for each column of the language. */
    static String sql(Column column) {
        return switch (column) {
            case SUBMISSION_ID -> "submission_id";
            case COMMUNITY -> "community_slug";
            case PLATFORM -> "platform";
            case PLATFORM_DETAIL -> "platform_detail";
            case STATUS -> "status";
            case TAKEDOWN_SOURCE -> "takedown_source";
            case SUBMITTED_AT -> "submitted_at";
            case EFFECTIVE_TAKEDOWN_AT -> "effective_takedown_at";
            case TAKEN_DOWN -> "(effective_takedown_at IS NOT NULL AND effective_takedown_at <= now())";
            case REPORT_COUNT -> "report_count";
            case HASHTAG_COUNT -> "hashtag_count";
            case ANALYSIS_SCORE -> "analysis_score";
            case TIME_TO_TAKEDOWN -> "extract(epoch FROM effective_takedown_at - submitted_at)::double precision";
        };
    }
}
