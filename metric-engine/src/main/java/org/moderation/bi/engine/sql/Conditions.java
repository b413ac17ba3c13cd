package org.moderation.bi.engine.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.TimeValues;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;
import org.moderation.bi.shared.metrics.Vocabulary;

/**
 * The SQL of the metric language's conditions. Every piece of text comes from a switch over the language's enums;
 * a name from a request only selects a fragment, and every value is a bound parameter.
 */
public final class Conditions {

    private Conditions() {
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
            case CATEGORY -> "f.category_codes";
            case HASHTAG -> "f.hashtags";
            case REPORT_CHANNEL -> "f.report_channels";
            case TAKEDOWN_CHANNEL -> "f.takedown_channel";
            case LANGUAGE -> "f.language";
            case CLASSIFIER_LABEL -> "f.classifier_label";
            case SUBMITTED_AT -> "f.submitted_at";
            case EFFECTIVE_TAKEDOWN_AT -> "f.effective_takedown_at";
            case TAKEN_DOWN -> "coalesce(taken_down_by_now(f.effective_takedown_at), false)";
            case REPORT_COUNT -> "f.report_count";
            case HASHTAG_COUNT -> "f.hashtag_count";
            case ANALYSIS_SCORE -> "f.analysis_score";
            case TIME_TO_TAKEDOWN -> "extract(epoch FROM f.effective_takedown_at - f.submitted_at)::double precision";
            case REPORT_TO_TAKEDOWN ->
                "extract(epoch FROM f.effective_takedown_at - f.takedown_reported_at)::double precision";
        };
    }

    /**
     * A column as the facts group by it: a many-valued one by each of a submission's values in turn ({@link #unnested}),
     * any other as {@link #factColumn}.
     */
    static String groupedFactColumn(Column column) {
        return column.manyValued() ? "g_" + column.jsonName() + ".value" : factColumn(column);
    }

    /**
     * One row per value of a many-valued column for each fact, and one row with no value (the group "none") for a fact
     * without any: a submission counts once in each group of its values.
     */
    static String unnested(Column column) {
        String values = factColumn(column);
        return " CROSS JOIN LATERAL unnest(CASE WHEN cardinality(" + values + ") = 0 THEN ARRAY[NULL::text] ELSE "
                + values + " END) AS g_" + column.jsonName() + " (value)";
    }

    /**
     * The groups a filter on a column that is grouped by leaves: eq, in and all_of name the groups (a submission with
     * one of them and others is counted in the named groups only); the other operators select submissions alone.
     */
    static String narrowedGroups(Filter filter, List<Object> parameters) {
        Column column = Column.validated(filter.column());
        Operator op = Vocabulary.parse(Operator.class, filter.op()).orElseThrow();
        if (!column.manyValued() || op != Operator.EQ && op != Operator.IN && op != Operator.ALL_OF) {
            return null;
        }
        parameters.add(array(column, filter.named()));
        return groupedFactColumn(column) + " = ANY (?::text[])";
    }

    /**
     * A filter on a many-valued column where a submission is a row per value ({@code sql}, null for the row without
     * one), as the pre-aggregations keep it: the rows of the values it names, of none, or of any.
     */
    static String heldValue(Filter filter, String sql, List<Object> parameters) {
        Column column = Column.validated(filter.column());
        return switch (Vocabulary.parse(Operator.class, filter.op()).orElseThrow()) {
            case EQ, IN, ALL_OF -> {
                parameters.add(array(column, filter.named()));
                yield sql + " = ANY (?::text[])";
            }
            case IS_NULL -> sql + " IS NULL";
            case IS_NOT_NULL -> sql + " IS NOT NULL";
            default -> throw new IllegalArgumentException(filter.op() + " on the rows of each value of " + column);
        };
    }

    /** A top N's restriction on the facts; {@code grouped}: the column is grouped by in this statement. */
    static String restriction(Restriction restriction, boolean grouped, List<Object> parameters) {
        Column column = restriction.column();
        parameters.add(new Statement.ArrayParameter("text", restriction.values().toArray()));
        String values = factColumn(column);
        if (restriction.outside()) {
            return column.manyValued() ? "NOT (" + values + " <@ ?::text[])"
                    : "(" + values + " IS NOT NULL AND NOT (" + values + " = ANY (?::text[])))";
        }
        String group = grouped ? groupedFactColumn(column) : values;
        return "(" + group + " IS NULL OR " + group + " = ANY (?::text[]))";
    }

    /**
     * The submissions a search finds: those whose post's words match {@code search} as a web search (words, "a
     * phrase", -not, or) in the post's own language's text search configuration (stemmed: "denials" finds "denial"),
     * and, for three characters or more, those whose author handle or link contains it (any case). The words' GIN
     * index is asked once for the search in every configuration a post was kept in (an array computed once: joined
     * per configuration instead, PostgreSQL read all of mv_submission_search), and each candidate is kept only where
     * the search matches it in its own configuration; the author and link through their trigram indexes. The search
     * is bound, never part of the statement's text.
     */
    public static String search(String search, List<Object> parameters) {
        parameters.add(search);
        parameters.add(search);
        String words = "SELECT x.submission_id FROM mv_submission_search x WHERE x.document @@ ANY (ARRAY(SELECT "
                + "websearch_to_tsquery(c.search_config, ?::text) FROM search_configurations c)) "
                + "AND x.document @@ websearch_to_tsquery(x.search_config, ?::text)";
        if (search.strip().length() < 3) {
            return "f.submission_id IN (" + words + ")";
        }
        String contained = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
        parameters.add(contained);
        parameters.add(contained);
        return "f.submission_id IN (" + words + " UNION SELECT x.submission_id FROM mv_submission_search x WHERE "
                + "x.author_handle ILIKE ?::text OR x.url ILIKE ?::text)";
    }

    /**
     * The community scope, always applied: every community, or exactly the slugs named (possibly none), bound as one
     * array. Everything is the text {@code TRUE}, not a bound flag: a plan made once for any values (a generic plan)
     * then knows that no row is filtered and that the join to the communities may go, instead of testing
     * {@code ? OR slug = ANY (?)} on every row it reads.
     */
    static String inScope(Function<Column, String> sqlOf, Communities communities, List<Object> parameters) {
        if (communities.all()) {
            return "TRUE";
        }
        parameters.add(new Statement.ArrayParameter("text", communities.slugs().toArray()));
        return sqlOf.apply(Column.COMMUNITY) + " = ANY (?::text[])";
    }

    /** A time column of the facts in [from, to). */
    static String inWindow(Column time, Instant from, Instant to, List<Object> parameters) {
        parameters.add(from.atOffset(ZoneOffset.UTC));
        parameters.add(to.atOffset(ZoneOffset.UTC));
        return "(" + factColumn(time) + " >= ? AND " + factColumn(time) + " < ?)";
    }

    static String condition(Filter filter, Function<Column, String> sqlOf, List<Object> parameters) {
        Column column = Column.validated(filter.column());
        String sql = sqlOf.apply(column);
        Operator op = Vocabulary.parse(Operator.class, filter.op()).orElseThrow();
        if (column.manyValued()) {
            return hasValues(op, sql, column, filter, parameters);
        }
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
            case ALL_OF -> throw new IllegalArgumentException("all_of on a column of one value: " + column);
        };
    }

    /**
     * A condition on the set of values a submission holds ({@code sql} is its array): has any of the values, none of
     * them, every one of them, or none at all. Written with the array operators its GIN index serves.
     */
    private static String hasValues(Operator op, String sql, Column column, Filter filter, List<Object> parameters) {
        return switch (op) {
            case EQ, NEQ, IN, NOT_IN, ALL_OF -> {
                parameters.add(array(column, filter.named()));
                yield switch (op) {
                    case EQ, ALL_OF -> sql + " @> ?::text[]";
                    case IN -> sql + " && ?::text[]";
                    case NEQ -> "NOT (" + sql + " @> ?::text[])";
                    default -> "NOT (" + sql + " && ?::text[])";
                };
            }
            case IS_NULL -> "cardinality(" + sql + ") = 0";
            case IS_NOT_NULL -> "cardinality(" + sql + ") > 0";
            default -> throw new IllegalArgumentException(op + " on a column of many values: " + column);
        };
    }

    private static String bind(String sql, Column column, Object value, List<Object> parameters) {
        parameters.add(value(column, value));
        return sql + "?::" + sqlType(column);
    }

    private static Statement.ArrayParameter array(Column column, List<Object> values) {
        return new Statement.ArrayParameter(sqlType(column), values.stream().map(v -> value(column, v)).toArray());
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
}
