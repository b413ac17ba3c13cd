package org.moderation.bi.dashboard.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.freshness.ReadModelFreshness;
import org.moderation.bi.dashboard.metrics.catalog.CatalogDefinitions;
import org.moderation.bi.dashboard.query.ReadModelQueries;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricQueryRequest;
import org.moderation.bi.shared.metrics.MetricQueryResult;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;
import org.moderation.bi.shared.metrics.TimeValues;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.compile.CompiledQuery;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;
import org.moderation.bi.shared.metrics.compile.TooManyRows;

/**
 * Computes a catalog metric: checks the query against the definition, compiles each measure from whitelisted
 * fragments, runs it in the read model's read-only, time-limited transaction, and combines parts in Java (a ratio
 * divides summed parts; a derived metric applies its arithmetic per bucket and group).
 */
@ApplicationScoped
public class MetricQueryService {

    static final int MAX_GROUP_BY = 4;
    static final Duration MAX_WINDOW = Duration.ofDays(3661);

    private final CatalogDefinitions definitions;
    private final ReadModelQueries queries;
    private final ReadModelFreshness freshness;
    private final BiConfig config;

    MetricQueryService(CatalogDefinitions definitions, ReadModelQueries queries, ReadModelFreshness freshness,
            BiConfig config) {
        this.definitions = definitions;
        this.queries = queries;
        this.freshness = freshness;
        this.config = config;
    }

    /** The communities a query's own filters name (eq / in on community), so the scope can check them first. */
    public static List<String> namedCommunities(MetricQueryRequest request) {
        var named = new ArrayList<String>();
        for (Filter filter : request.filters()) {
            if (filter != null && "community".equals(filter.column())) {
                if ("eq".equals(filter.op()) && filter.value() instanceof String slug) {
                    named.add(slug);
                } else if ("in".equals(filter.op()) && filter.values() != null) {
                    filter.values().stream().filter(String.class::isInstance).map(String.class::cast).forEach(named::add);
                }
            }
        }
        return named;
    }

    public MetricQueryResult query(String key, MetricQueryRequest request, CommunityScope scope, boolean superadmin,
            String authorization) throws SQLException {
        if (!MetricValidator.KEY.matcher(key).matches()) {
            throw new ApiException(400, "invalid_query", "not a metric key: lower-case letters, digits and _");
        }
        if (request == null) {
            throw invalid(List.of(new Problem("$", "a query body is required")));
        }
        if (request.version() != null && request.version() < 1) {
            throw invalid(List.of(new Problem("$.version", "must be 1 or more")));
        }
        MetricVersionView metric = definitions.resolve(key, request.version(), superadmin, authorization);
        MetricDefinition definition = metric.definition();
        var spec = spec(definition, request, scope);
        var referenced = new LinkedHashMap<String, MetricDefinition>();
        Map<Key, Double[]> values = queries.read(connection -> evaluate(definition, spec, connection, referenced,
                authorization, superadmin, 0));
        List<String> groupBy = spec.groupings().getFirst().stream().map(Column::jsonName).toList();
        var rows = values.entrySet().stream()
                .map(e -> new MetricQueryResult.Row(e.getKey().bucket(), group(groupBy, e.getKey().group()),
                        e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
        var readModel = freshness.freshness();
        var provenance = new MetricQueryResult.Provenance(metric.key(), metric.version(), metric.status(),
                metric.definitionHash(), readModel.version(), readModel.changedAt(), scope.view(), spec.from(),
                spec.to());
        return new MetricQueryResult(provenance, definition.unit(), spec.grain() == null ? null
                : Vocabulary.jsonName(spec.grain()), groupBy, rows);
    }

    private MetricSqlCompiler.Spec spec(MetricDefinition definition, MetricQueryRequest request, CommunityScope scope) {
        var problems = new ArrayList<Problem>();
        Instant from = TimeValues.parse(request.from()).orElse(null);
        Instant to = TimeValues.parse(request.to()).orElse(null);
        if (from == null) {
            problems.add(new Problem("$.from", "must be an ISO-8601 date or instant"));
        }
        if (to == null) {
            problems.add(new Problem("$.to", "must be an ISO-8601 date or instant"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new Problem("$.to", "must be after from"));
        } else if (from != null && to != null && Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            problems.add(new Problem("$.to", "the window may span at most ten years"));
        }
        Grain grain = null;
        if (request.granularity() != null) {
            grain = Vocabulary.parse(Grain.class, request.granularity()).orElse(null);
            if (grain == null || !definition.grains().contains(request.granularity())) {
                problems.add(new Problem("$.granularity", "must be one of the metric's grains: " + definition.grains()));
            }
        }
        var groupBy = new LinkedHashSet<String>(definition.breakdown());
        if (request.groupBy().size() > MAX_GROUP_BY) {
            problems.add(new Problem("$.groupBy", "at most " + MAX_GROUP_BY + " dimensions"));
        } else {
            for (int i = 0; i < request.groupBy().size(); i++) {
                String dimension = request.groupBy().get(i);
                if (!definition.dimensions().contains(dimension)) {
                    problems.add(new Problem("$.groupBy[" + i + "]", "must be one of the metric's dimensions: "
                            + definition.dimensions()));
                } else if (!groupBy.add(dimension) && !definition.breakdown().contains(dimension)) {
                    problems.add(new Problem("$.groupBy[" + i + "]", "is listed twice"));
                }
            }
        }
        problems.addAll(MetricValidator.validateFilters(request.filters(), "$.filters"));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        List<Column> columns = groupBy.stream().map(name -> Column.named(name).orElseThrow()).toList();
        return new MetricSqlCompiler.Spec(from, to, ZoneOffset.UTC, grain, List.of(columns), request.filters(),
                scope.compilerScope(), config.metricRowCap());
    }

    /** Values per (bucket, group): {value, numerator, denominator}; the parts only for ratios. */
    private Map<Key, Double[]> evaluate(MetricDefinition definition, MetricSqlCompiler.Spec spec, Connection connection,
            Map<String, MetricDefinition> referenced, String authorization, boolean superadmin, int depth)
            throws SQLException {
        return switch (Vocabulary.parse(Vocabulary.MetricType.class, definition.type()).orElseThrow()) {
            case SIMPLE -> {
                var result = new TreeMap<Key, Double[]>();
                run(List.of(definition.measure()), spec, connection).getFirst()
                        .forEach((key, value) -> result.put(key, new Double[] {value, null, null}));
                yield totalIfEmpty(result, spec, zeroWhenEmpty(definition.measure()));
            }
            case RATIO -> {
                List<Map<Key, Double>> parts = run(List.of(definition.numerator(), definition.denominator()), spec,
                        connection);
                Map<Key, Double> numerator = parts.get(0);
                Map<Key, Double> denominator = parts.get(1);
                var result = new TreeMap<Key, Double[]>();
                var keys = new HashSet<Key>(numerator.keySet());
                keys.addAll(denominator.keySet());
                if (keys.isEmpty() && totalOnly(spec)) {
                    keys.add(Key.TOTAL);
                }
                for (Key key : keys) {
                    Double top = numerator.getOrDefault(key, zeroWhenEmpty(definition.numerator()));
                    Double bottom = denominator.getOrDefault(key, zeroWhenEmpty(definition.denominator()));
                    result.put(key, new Double[] {divide(top, bottom), top, bottom});
                }
                yield result;
            }
            case DERIVED -> {
                if (depth > MetricValidator.MAX_EXPRESSION_DEPTH) {
                    throw new ApiException(400, "metric_too_deep", "derived metrics nest too deeply to compute");
                }
                yield derive(definition.expression(), spec, connection, referenced, authorization, superadmin, depth);
            }
        };
    }

    private Map<Key, Double[]> derive(Expression expression, MetricSqlCompiler.Spec spec, Connection connection,
            Map<String, MetricDefinition> referenced, String authorization, boolean superadmin, int depth)
            throws SQLException {
        if (expression.constant() != null) {
            var constant = new TreeMap<Key, Double[]>();
            constant.put(Key.CONSTANT, new Double[] {expression.constant(), null, null});
            return constant;
        }
        if (expression.metric() != null) {
            MetricDefinition other = referenced.get(expression.metric());
            if (other == null) {
                other = definitions.resolve(expression.metric(), null, superadmin, authorization).definition();
                referenced.put(expression.metric(), other);
            }
            return evaluate(other, spec, connection, referenced, authorization, superadmin, depth + 1);
        }
        Map<Key, Double[]> left = derive(expression.args().get(0), spec, connection, referenced, authorization, superadmin, depth + 1);
        Map<Key, Double[]> right = derive(expression.args().get(1), spec, connection, referenced, authorization, superadmin, depth + 1);
        var keys = new LinkedHashSet<Key>(left.keySet());
        keys.addAll(right.keySet());
        keys.remove(Key.CONSTANT);
        if (keys.isEmpty()) {
            keys.add(Key.TOTAL);
        }
        var result = new TreeMap<Key, Double[]>();
        var op = Vocabulary.parse(Vocabulary.ArithmeticOp.class, expression.op()).orElseThrow();
        for (Key key : keys) {
            Double a = valueAt(left, key);
            Double b = valueAt(right, key);
            Double value = a == null || b == null ? null : switch (op) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> divide(a, b);
            };
            result.put(key, new Double[] {value, null, null});
        }
        return result;
    }

    private static Double valueAt(Map<Key, Double[]> values, Key key) {
        Double[] constant = values.get(Key.CONSTANT);
        if (constant != null) {
            return constant[0];
        }
        Double[] value = values.get(key);
        return value == null ? null : value[0];
    }

    /**
     * Each measure's values per (bucket, group), computed in one statement when the compiler can (a ratio's parts over
     * one scan), each on its own otherwise.
     */
    private List<Map<Key, Double>> run(List<Measure> measures, MetricSqlCompiler.Spec spec, Connection connection)
            throws SQLException {
        CompiledQuery query;
        try {
            query = MetricSqlCompiler.compile(measures, spec, Instant.now());
        } catch (IllegalArgumentException anchoredApart) {
            var apart = new ArrayList<Map<Key, Double>>();
            for (Measure measure : measures) {
                apart.addAll(run(List.of(measure), spec, connection));
            }
            return apart;
        }
        var values = new ArrayList<Map<Key, Double>>();
        measures.forEach(m -> values.add(new TreeMap<>()));
        List<CompiledQuery.Row> rows;
        try (var statement = connection.prepareStatement(query.sql())) {
            query.bind(statement, 1);
            try (var result = statement.executeQuery()) {
                rows = query.read(result);
            } catch (TooManyRows tooMany) {
                throw new ApiException(400, "result_too_large", "the answer has more than "
                        + tooMany.limit() + " rows; use a coarser grain, fewer groups or a shorter window");
            }
        }
        for (CompiledQuery.Row row : rows) {
            var key = new Key(row.bucket(), spec.groupings().getFirst().stream().map(row.group()::get).toList());
            for (int m = 0; m < measures.size(); m++) {
                values.get(m).put(key, row.values()[m]);
            }
        }
        return values;
    }

    /** Without grain and groups there is always one row, even over no submissions. */
    private static Map<Key, Double[]> totalIfEmpty(TreeMap<Key, Double[]> result, MetricSqlCompiler.Spec spec, Double empty) {
        if (result.isEmpty() && totalOnly(spec)) {
            result.put(Key.TOTAL, new Double[] {empty, null, null});
        }
        return result;
    }

    private static boolean totalOnly(MetricSqlCompiler.Spec spec) {
        return spec.grain() == null && spec.groupings().getFirst().isEmpty();
    }

    /** Counting nothing is 0; the median of nothing has no value. */
    private static Double zeroWhenEmpty(Measure measure) {
        var aggregation = Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow();
        return aggregation == Aggregation.COUNT || aggregation == Aggregation.COUNT_DISTINCT || aggregation == Aggregation.SUM
                ? 0.0 : null;
    }

    private static Double divide(Double top, Double bottom) {
        return top == null || bottom == null || bottom == 0 ? null : top / bottom;
    }

    private static Map<String, String> group(List<String> names, List<String> values) {
        var group = new LinkedHashMap<String, String>();
        for (int i = 0; i < names.size(); i++) {
            group.put(names.get(i), values.get(i));
        }
        return group;
    }

    private static ApiException invalid(List<Problem> problems) {
        return new ApiException(400, "invalid_query", "the metric query is invalid",
                problems.stream().map(Problem::toString).toList());
    }

    /** A bucket and group; the constant key stands for "every key" in derived arithmetic. */
    record Key(Instant bucket, List<String> group) implements Comparable<Key> {

        static final Key TOTAL = new Key(null, List.of());
        static final Key CONSTANT = new Key(Instant.MIN, List.of("\u0000constant"));

        private static final Comparator<Key> ORDER = Comparator
                .comparing(Key::bucket, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(k -> String.join("\u0000", k.group().stream().map(v -> Objects.toString(v, "\u0001null")).toList()));

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }
}
