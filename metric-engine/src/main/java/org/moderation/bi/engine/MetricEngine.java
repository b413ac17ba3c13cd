package org.moderation.bi.engine;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.moderation.bi.engine.plan.Counter;
import org.moderation.bi.engine.plan.PreAggregation;
import org.moderation.bi.engine.plan.Segments;
import org.moderation.bi.engine.sql.Communities;
import org.moderation.bi.engine.sql.Restriction;
import org.moderation.bi.engine.sql.Statement;
import org.moderation.bi.engine.sql.Statements;
import org.moderation.bi.engine.sql.TooManyRows;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Vocabulary.MetricType;
import org.moderation.bi.shared.metrics.Vocabulary;

/**
 * The one door to a number. Evaluates simple, ratio and derived metrics in one snapshot of the read model: collects
 * the measures behind every metric of a question, computes them in as few statements as the routing allows (counts
 * over the coarsest pre-aggregations that answer them exactly, everything else over the facts), and combines them
 * here only: a ratio divides its summed parts, a derived metric applies its arithmetic per bucket and group. Nothing
 * else divides, sums or restates a rule.
 */
public final class MetricEngine {

    private final Clock clock;

    public MetricEngine(Clock clock) {
        this.clock = clock;
    }

    /** The question's answer, all of it read in {@code snapshot}. @throws Refused where it will not be answered */
    public Answer evaluate(Snapshot snapshot, Question question) throws SQLException {
        try {
            return answer(snapshot, question);
        } catch (TooManyRows tooMany) {
            throw Refused.tooManyRows(tooMany.limit());
        }
    }

    /**
     * The question's values over the earlier window [from, to), in the same snapshot as {@code now} (its answer), for
     * comparing each unbucketed value of {@code now} with ({@link Compared#of}). A count with nothing in the earlier
     * window was 0 there; any other metric has no earlier value then. With a top N, the groups shown are compared
     * (read with their values as a restriction, the group without a value apart) and the totals; "other" is not: its
     * groups are another set in each window.
     */
    public Compared compare(Snapshot snapshot, Question question, Answer now, Instant from, Instant to)
            throws SQLException {
        if (question.grain() != null) {
            throw new IllegalArgumentException("a comparison is of totals and groups, not of buckets");
        }
        try {
            return compared(snapshot, question, now, from, to);
        } catch (TooManyRows tooMany) {
            throw Refused.tooManyRows(tooMany.limit());
        }
    }

    private Compared compared(Snapshot snapshot, Question question, Answer now, Instant from, Instant to)
            throws SQLException {
        Instant at = clock.instant();
        if (question.top() == null) {
            Answer then = evaluate(snapshot, question.over(from, to, question.groupings(), question.filters()),
                    List.of(), at);
            return new Compared((metric, grouping, group) -> valueOr(then.result(metric)
                    .at(grouping, group), metric), then.size());
        }
        Column dimension = question.groupings().getFirst().getFirst();
        var shown = new LinkedHashSet<String>();
        boolean without = false;
        for (Answer.Value value : now.results().getFirst().values()) {
            if (value.grouping() == 0) {
                String shownValue = value.group().get(dimension);
                without |= shownValue == null;
                if (shownValue != null) {
                    shown.add(shownValue);
                }
            }
        }
        Answer groups = shown.isEmpty() ? null : evaluate(snapshot, question.over(from, to,
                List.of(List.of(dimension)), question.filters()),
                List.of(new Restriction(dimension, List.copyOf(shown), false)), at);
        var withoutValue = new ArrayList<>(question.filters());
        withoutValue.add(new Filter(dimension.jsonName(), "is_null", null, null));
        Answer none = !without ? null : evaluate(snapshot, question.over(from, to, List.of(List.of()),
                withoutValue), List.of(), at);
        Answer total = evaluate(snapshot, question.over(from, to, List.of(List.of()), question.filters()), List.of(),
                at);
        int size = total.size() + (groups == null ? 0 : groups.size()) + (none == null ? 0 : none.size());
        return new Compared((metric, grouping, group) -> {
            var others = new LinkedHashMap<>(group);
            others.remove(dimension);
            if (grouping > 0) {
                return valueOr(total.result(metric).at(0, others), metric);
            }
            if (group.get(dimension) == null) {
                return none == null ? null : valueOr(none.result(metric).at(0, others), metric);
            }
            return groups == null ? null : valueOr(groups.result(metric).at(0, group), metric);
        }, size);
    }

    /** A value of the earlier window; where none was computed, a count's is 0 and any other metric's is none. */
    private static Double valueOr(Answer.Value value, ResolvedMetric metric) {
        if (value != null) {
            return value.value();
        }
        MetricDefinition definition = metric.definition();
        return type(definition) == MetricType.SIMPLE && "count".equals(definition.measure().aggregation()) ? 0.0
                : null;
    }

    /**
     * The submissions behind a count of the listing's measure: at most {@code limit} after {@code after} (null: from
     * the newest), read in {@code snapshot}.
     */
    public List<Submissions.Row> submissions(Snapshot snapshot, Submissions.Listing listing, Submissions.Position after,
            int limit) throws SQLException {
        return Submissions.page(snapshot, listing, after, limit);
    }

    /** Every submission of the listing, handed to {@code sink} as it is read ({@code fetchSize} rows at a time). */
    public void eachSubmission(Snapshot snapshot, Submissions.Listing listing, int fetchSize,
            Consumer<Submissions.Row> sink) throws SQLException {
        Submissions.each(snapshot, listing, fetchSize, sink);
    }

    private Answer answer(Snapshot snapshot, Question question) throws SQLException {
        Instant now = clock.instant();
        if (question.top() == null) {
            return evaluate(snapshot, question, List.of(), now);
        }
        List<Column> grouping = question.groupings().getFirst();
        Column dimension = grouping.getFirst();
        List<String> ranked = ranked(snapshot, question, dimension, now);
        boolean more = ranked.size() > question.top();
        List<String> top = more ? ranked.subList(0, question.top()) : ranked;
        Answer answer = evaluate(snapshot, question.regrouped(List.of(grouping)),
                List.of(new Restriction(dimension, top, false)), now);
        List<List<Column>> totals = question.groupings().subList(1, question.groupings().size());
        Answer total = totals.isEmpty() ? null : evaluate(snapshot, question.regrouped(totals), List.of(), now);
        Answer other = !more ? null : evaluate(snapshot, question.regrouped(List.of(List.of())),
                List.of(new Restriction(dimension, top, true)), now);
        var results = new ArrayList<Answer.Result>();
        for (int i = 0; i < answer.results().size(); i++) {
            Answer.Result result = answer.results().get(i);
            var values = new ArrayList<>(result.values());
            if (total != null) {
                total.results().get(i).values().forEach(v -> values.add(new Answer.Value(1 + v.grouping(), v.bucket(),
                        v.group(), v.value(), v.numerator(), v.denominator())));
            }
            results.add(new Answer.Result(result.metric(), result.provenance(), result.horizon(), values,
                    other == null ? List.of() : other.results().get(i).values()));
        }
        return new Answer(answer.readModel(), answer.buckets(), List.copyOf(results));
    }

    /**
     * The top groups of a question's dimension by its first metric's volume, over its window, filters and scope, and
     * the next one if there is one (then there is an "other"). A ratio ranks by its denominator (the groups with most
     * to be a share of), a derived metric is not ranked. A count is ranked where the pre-aggregations keep it (a week's
     * hashtags are a few thousand rows of days, where the facts unnest some twenty thousand).
     */
    private static List<String> ranked(Snapshot snapshot, Question question, Column dimension, Instant now)
            throws SQLException {
        MetricDefinition definition = question.metrics().getFirst().definition();
        if (type(definition) == MetricType.DERIVED) {
            throw new IllegalArgumentException("a top N ranks by a simple or ratio metric, not a derived one");
        }
        Measure volume = parts(definition).getLast();
        Statements.Shape shape = shape(question, question.groupings(), List.of());
        List<List<Column>> byDimension = List.of(List.of(dimension));
        Set<Column> common = common(question, List.of());
        var counted = Counter.of(volume);
        Statement ranking;
        if (counted.isPresent() && countable(question, List.of(), byDimension, common)) {
            counted.get().dimensionFilters().forEach(f -> common.add(Column.validated(f.column())));
            // One grouping set: one route.
            List<Segments.Route> routes = new Segments(snapshot.preAggregations()).plan(question.from(),
                    question.to(), null, question.zone(), byDimension, common, now);
            ranking = Statements.ranking(volume, routes.getFirst().cover(), dimension, shape, question.top() + 1);
        } else {
            ranking = Statements.ranking(volume, dimension, shape, question.top() + 1);
        }
        return ranking.run(snapshot.connection()).stream().map(row -> row.group().get(dimension)).toList();
    }

    private Answer evaluate(Snapshot snapshot, Question question, List<Restriction> restrictions, Instant now)
            throws SQLException {
        var leaves = new LinkedHashMap<Leaf, Map<Key, Double>>();
        var plans = new LinkedHashMap<ResolvedMetric, Shaped>();
        for (ResolvedMetric metric : question.metrics()) {
            Shaped shaped = shape(metric, question);
            plans.put(metric, shaped);
            collect(metric, shaped, leaves, 0);
        }
        var reads = new HashMap<Leaf, List<String>>();
        for (Routed routed : statements(leaves.keySet(), question, restrictions,
                new Segments(snapshot.preAggregations()), now)) {
            run(snapshot, routed, leaves, reads);
        }
        List<Answer.Bucket> buckets = question.grain() == null || !question.everyBucket() ? List.of()
                : Buckets.of(question.from(), question.to(), question.grain(), question.zone(), now);
        var results = new ArrayList<Answer.Result>();
        for (ResolvedMetric metric : question.metrics()) {
            Shaped shaped = plans.get(metric);
            var evaluation = new Evaluation(leaves, shaped.groupings(), buckets,
                    keys(metric, shaped, leaves, buckets, question.grain() != null));
            Map<Key, Double[]> values = evaluation.of(metric, shaped.expansion(), 0);
            results.add(new Answer.Result(metric, provenance(metric, shaped, leaves.keySet(), reads), metric.horizon(),
                    values.entrySet().stream().map(e -> new Answer.Value(e.getKey().grouping(), e.getKey().bucket(),
                            e.getKey().group(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList()));
        }
        return new Answer(snapshot.version(), buckets, List.copyOf(results));
    }

    /** A measure computed for these grouping sets. */
    record Leaf(Measure measure, List<List<Column>> groupings) {
    }

    /**
     * A bucket (null without a grain) and group within one grouping set. Keys are hashed far more often than they are
     * sorted: the hash, and the group's columns in order with their values, are worked out once.
     */
    static final class Key implements Comparable<Key> {

        private static final Column[] NO_COLUMNS = {};
        private static final String[] NO_VALUES = {};

        private final int grouping;
        private final Instant bucket;
        private final Map<Column, String> group;
        private final int hash;
        /** The group's columns in the language's order (a group has a column or two), and their values in that order. */
        private final Column[] columns;
        private final String[] values;

        Key(int grouping, Instant bucket, Map<Column, String> group) {
            this(grouping, bucket, group, ordered(group));
        }

        private Key(int grouping, Instant bucket, Map<Column, String> group, Column[] columns) {
            this(grouping, bucket, group, columns, valuesOf(group, columns));
        }

        private Key(int grouping, Instant bucket, Map<Column, String> group, Column[] columns, String[] values) {
            this.grouping = grouping;
            this.bucket = bucket;
            this.group = group;
            this.columns = columns;
            this.values = values;
            this.hash = (31 * grouping + Objects.hashCode(bucket)) * 31 + group.hashCode();
        }

        private static Column[] ordered(Map<Column, String> group) {
            if (group.isEmpty()) {
                return NO_COLUMNS;
            }
            Column[] columns = group.keySet().toArray(new Column[0]);
            Arrays.sort(columns);
            return columns;
        }

        private static String[] valuesOf(Map<Column, String> group, Column[] columns) {
            if (columns.length == 0) {
                return NO_VALUES;
            }
            var values = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = group.get(columns[i]);
            }
            return values;
        }

        int grouping() {
            return grouping;
        }

        Instant bucket() {
            return bucket;
        }

        Map<Column, String> group() {
            return group;
        }

        /** The same group in another bucket (null: without one). */
        Key in(Instant other) {
            return new Key(grouping, other, group, columns, values);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && grouping == key.grouping
                    && Objects.equals(bucket, key.bucket) && group.equals(key.group);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /** By grouping set, bucket, then the group's values column by column, a missing value before every other. */
        @Override
        public int compareTo(Key other) {
            int byGrouping = Integer.compare(grouping, other.grouping);
            if (byGrouping != 0) {
                return byGrouping;
            }
            int byBucket = compareNullFirst(bucket, other.bucket);
            if (byBucket != 0) {
                return byBucket;
            }
            for (int i = 0; i < Math.min(columns.length, other.columns.length); i++) {
                int byColumn = columns[i].compareTo(other.columns[i]);
                if (byColumn != 0) {
                    return byColumn;
                }
                int byValue = compareNullFirst(values[i], other.values[i]);
                if (byValue != 0) {
                    return byValue;
                }
            }
            return Integer.compare(columns.length, other.columns.length);
        }

        private static <T extends Comparable<T>> int compareNullFirst(T one, T other) {
            return one == null ? (other == null ? 0 : -1) : other == null ? 1 : one.compareTo(other);
        }

        @Override
        public String toString() {
            return "Key[grouping=" + grouping + ", bucket=" + bucket + ", group=" + group + "]";
        }
    }

    /**
     * A metric's grouping sets (the question's, each with the metric's breakdown dimensions added), or, where a
     * breakdown dimension has a closed vocabulary the pre-aggregations count value by value, the question's grouping
     * sets and that dimension taken one value at a time.
     */
    record Shaped(List<List<Column>> groupings, Expansion expansion) {
    }

    /** A breakdown dimension computed as one measure per value. */
    record Expansion(Column dimension, List<String> values) {
    }

    private static Shaped shape(ResolvedMetric metric, Question question) {
        MetricDefinition definition = metric.definition();
        List<Column> breakdown = definition.breakdown().stream().map(Column::validated).toList();
        Expansion expansion = breakdown.size() == 1 && type(definition) != MetricType.DERIVED
                ? Expansions.of(breakdown.getFirst(), parts(definition)) : null;
        if (expansion != null || breakdown.isEmpty()) {
            return new Shaped(question.groupings(), expansion);
        }
        var groupings = new ArrayList<List<Column>>();
        for (List<Column> grouping : question.groupings()) {
            var columns = new ArrayList<>(grouping);
            breakdown.stream().filter(d -> !columns.contains(d)).forEach(columns::add);
            groupings.add(List.copyOf(columns));
        }
        return new Shaped(List.copyOf(groupings), null);
    }

    private static MetricType type(MetricDefinition definition) {
        return Vocabulary.parse(MetricType.class, definition.type()).orElseThrow();
    }

    static List<Measure> parts(MetricDefinition definition) {
        return MetricParts.of(definition);
    }

    private static void collect(ResolvedMetric metric, Shaped shaped, Map<Leaf, Map<Key, Double>> leaves, int depth) {
        if (depth > MetricValidator.MAX_EXPRESSION_DEPTH) {
            throw Refused.tooDeep();
        }
        if (type(metric.definition()) == MetricType.DERIVED) {
            for (String key : new LinkedHashSet<>(metric.definition().references())) {
                collect(referenced(metric, key), new Shaped(shaped.groupings(), null), leaves, depth + 1);
            }
            return;
        }
        for (Measure part : parts(metric.definition())) {
            for (Measure measure : Expansions.measures(part, shaped.expansion())) {
                leaves.putIfAbsent(new Leaf(measure, shaped.groupings()), new HashMap<>());
            }
        }
    }

    static ResolvedMetric referenced(ResolvedMetric metric, String key) {
        ResolvedMetric referenced = metric.references().get(key);
        if (referenced == null) {
            throw new IllegalArgumentException(metric.key() + " refers to " + key + ", which was not resolved");
        }
        return referenced;
    }

    /**
     * A statement and where its rows go: it computes leaves of {@code groupings}, and its grouping set {@code i} is
     * their grouping set {@code sets.get(i)}. The routes of the same leaves share one {@link RowBudget}.
     */
    private record Routed(Statement statement, List<List<Column>> groupings, List<Integer> sets, RowBudget budget) {
    }

    /** The rows the caller accepts for a set of leaves, however many statements compute them. */
    private static final class RowBudget {

        private final int limit;
        private int used;

        RowBudget(int limit) {
            this.limit = limit;
        }

        void take(int rows) {
            used += rows;
            if (used > limit) {
                throw Refused.tooManyRows(limit);
            }
        }
    }

    /**
     * The statements that compute every leaf: per set of grouping sets, the counts the pre-aggregations keep in one
     * statement per route of those sets that reads other segments (those that cover the window for it), the other measures
     * in one statement over the facts (one per time column where a grain asks for buckets of one time).
     */
    private static List<Routed> statements(Set<Leaf> leaves, Question question, List<Restriction> restrictions,
            Segments segments, Instant now) {
        var byGroupings = new LinkedHashMap<List<List<Column>>, List<Leaf>>();
        leaves.forEach(leaf -> byGroupings.computeIfAbsent(leaf.groupings(), g -> new ArrayList<>()).add(leaf));
        var statements = new ArrayList<Routed>();
        byGroupings.forEach((groupings, group) -> {
            var counted = new ArrayList<Measure>();
            var facts = new ArrayList<Measure>();
            Set<Column> common = common(question, restrictions);
            boolean countable = countable(question, restrictions, groupings, common);
            for (Leaf leaf : group) {
                var counter = Counter.of(leaf.measure());
                if (countable && counter.isPresent()) {
                    counted.add(leaf.measure());
                    counter.get().dimensionFilters().forEach(f -> common.add(Column.validated(f.column())));
                } else {
                    facts.add(leaf.measure());
                }
            }
            if (!counted.isEmpty()) {
                var budget = new RowBudget(question.rowLimit());
                for (Segments.Route route : segments.plan(question.from(), question.to(), question.grain(),
                        question.zone(), groupings, common, now)) {
                    statements.add(new Routed(Statements.counters(counted, route.cover(), shape(question,
                            route.sets().stream().map(groupings::get).toList(), restrictions)), groupings, route.sets(),
                            budget));
                }
            }
            if (!facts.isEmpty()) {
                var byTime = new LinkedHashMap<String, List<Measure>>();
                facts.forEach(m -> byTime.computeIfAbsent(question.grain() == null ? "" : m.time(),
                        t -> new ArrayList<>()).add(m));
                Map<List<Column>, List<Integer>> byUnnested = byUnnested(groupings);
                byTime.values().forEach(measures -> {
                    var budget = new RowBudget(question.rowLimit());
                    byUnnested.values().forEach(sets -> statements.add(new Routed(Statements.facts(measures,
                            shape(question, sets.stream().map(groupings::get).toList(), restrictions)), groupings,
                            sets, budget)));
                });
            }
        });
        return statements;
    }

    /**
     * Whether the pre-aggregations may count for these grouping sets, each of which also filters by {@code common}
     * (the question's filters and scope).
     */
    private static boolean countable(Question question, List<Restriction> restrictions, List<List<Column>> groupings,
            Set<Column> common) {
        var needed = new LinkedHashSet<>(common);
        groupings.forEach(needed::addAll);
        return question.search() == null && PreAggregation.DIMENSIONS.containsAll(needed)
                && countedPerValue(question, restrictions, groupings, needed);
    }

    /**
     * Whether the pre-aggregations' rows per value of the many-valued columns {@code needed} give every grouping set:
     * each filter on such a column picks rows ({@link PreAggregation#picksRows}), and a top N's restriction on one
     * keeps the top groups of sets grouped by it (its "other" counts submissions with any value outside the top once:
     * the facts).
     */
    private static boolean countedPerValue(Question question, List<Restriction> restrictions,
            List<List<Column>> groupings, Set<Column> needed) {
        return needed.stream().filter(Column::manyValued).allMatch(column -> groupings.stream().allMatch(set ->
                PreAggregation.picksRows(question.filters(), column, set.contains(column))
                && restrictions.stream().noneMatch(r -> r.column() == column && (r.outside() || !set.contains(column)))));
    }

    /**
     * The grouping sets by the many-valued columns they group by: a statement unnests those columns for all its sets,
     * so sets that unnest different ones (or none, such as the total) are computed apart, each submission once.
     */
    private static Map<List<Column>, List<Integer>> byUnnested(List<List<Column>> groupings) {
        var sets = new LinkedHashMap<List<Column>, List<Integer>>();
        for (int i = 0; i < groupings.size(); i++) {
            List<Column> unnested = groupings.get(i).stream().filter(Column::manyValued).sorted().toList();
            sets.computeIfAbsent(unnested, u -> new ArrayList<>()).add(i);
        }
        return sets;
    }

    private static Statements.Shape shape(Question question, List<List<Column>> groupings,
            List<Restriction> restrictions) {
        return new Statements.Shape(question.from(), question.to(), question.zone(), question.grain(), groupings,
                question.filters(), communities(question.scope()), question.rowLimit(), restrictions, question.search());
    }

    static Communities communities(Scope scope) {
        return new Communities(scope.all(), scope.communities());
    }

    /**
     * The dimensions the question filters by, the community scope and a top N's restriction included: every grouping
     * set needs them.
     */
    private static Set<Column> common(Question question, List<Restriction> restrictions) {
        var common = new LinkedHashSet<Column>();
        restrictions.forEach(r -> common.add(r.column()));
        question.filters().forEach(f -> common.add(Column.validated(f.column())));
        if (!question.scope().all()) {
            common.add(Column.COMMUNITY);
        }
        return common;
    }

    /** Runs a statement and files its values under the leaves it computes (counters and measures in order). */
    private static void run(Snapshot snapshot, Routed routed, Map<Leaf, Map<Key, Double>> leaves,
            Map<Leaf, List<String>> reads) throws SQLException {
        Statement statement = routed.statement();
        // The statement computes one value per measure, in order; each is a leaf of the routed grouping sets.
        List<Leaf> computed = statement.measures().stream().map(m -> new Leaf(m, routed.groupings())).toList();
        List<Map<Key, Double>> into = computed.stream().map(leaves::get).toList();
        List<Statement.Row> rows = statement.run(snapshot.connection());
        routed.budget().take(rows.size());
        for (Statement.Row row : rows) {
            var key = new Key(routed.sets().get(row.grouping()), row.bucket(), row.group());
            for (int m = 0; m < into.size(); m++) {
                into.get(m).put(key, row.values()[m]);
            }
        }
        computed.forEach(leaf -> {
            List<String> read = reads.computeIfAbsent(leaf, l -> new ArrayList<>());
            statement.reads().stream().filter(relation -> !read.contains(relation)).forEach(read::add);
        });
    }

    /**
     * Every key a metric has a value at: where one of its own measures counted something (whichever statement computed
     * them, so that the keys do not depend on the route); with every bucket asked for, each bucket of the window for
     * each group seen; without a grain, also the total of each grouping set without dimensions.
     */
    private static Set<Key> keys(ResolvedMetric metric, Shaped shaped, Map<Leaf, Map<Key, Double>> leaves,
            List<Answer.Bucket> buckets, boolean grained) {
        var mine = new LinkedHashMap<Leaf, Map<Key, Double>>();
        collect(metric, shaped, mine, 0);
        var counted = new LinkedHashSet<Key>();
        mine.keySet().forEach(leaf -> {
            Double nothing = Statement.empty(leaf.measure());
            leaves.get(leaf).forEach((key, value) -> {
                if (Statement.says(value, nothing)) {
                    counted.add(key);
                }
            });
        });
        var keys = new ArrayList<Key>();
        if (grained && buckets.isEmpty()) {
            keys.addAll(Expansions.groups(counted, shaped.expansion()));
            return inOrder(keys);
        }
        var groups = new LinkedHashSet<Key>();
        counted.forEach(k -> groups.add(k.in(null)));
        for (int i = 0; i < shaped.groupings().size(); i++) {
            if (shaped.groupings().get(i).isEmpty()) {
                groups.add(new Key(i, null, Map.of()));
            }
        }
        for (Key group : Expansions.groups(groups, shaped.expansion())) {
            if (buckets.isEmpty()) {
                keys.add(group);
            } else {
                buckets.forEach(b -> keys.add(group.in(b.start())));
            }
        }
        return inOrder(keys);
    }

    /**
     * Distinct keys, sorted once as a list rather than kept sorted key by key in a tree: a year by week by category has
     * thousands, and the tree's insertions were a fifth of bi-service's CPU for it (BENCHMARKS, session 59).
     */
    private static Set<Key> inOrder(List<Key> distinct) {
        distinct.sort(null);
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(distinct));
    }

    private static Answer.Provenance provenance(ResolvedMetric metric, Shaped shaped, Set<Leaf> leaves,
            Map<Leaf, List<String>> reads) {
        var mine = new LinkedHashMap<Leaf, Map<Key, Double>>();
        collect(metric, shaped, mine, 0);
        var readFrom = new LinkedHashSet<String>();
        mine.keySet().forEach(leaf -> readFrom.addAll(reads.getOrDefault(leaf, List.of())));
        return new Answer.Provenance(metric.key(), metric.version(), metric.status(), metric.definitionHash(),
                metric.definition().description(), List.copyOf(readFrom));
    }

    /**
     * A ratio's or simple metric's part: its leaf's values, or, with a breakdown taken value by value, the leaf of each
     * value ({@code dimension}); {@code nothing} where no value was computed (a count of nothing is 0).
     */
    private record Part(Double nothing, Column dimension, Map<Key, Double> values,
            Map<String, Map<Key, Double>> byValue) {

        Double at(Key key) {
            Map<Key, Double> from = values;
            Key at = key;
            if (dimension != null) {
                from = byValue.get(key.group().get(dimension));
                var group = new LinkedHashMap<>(key.group());
                group.remove(dimension);
                at = new Key(key.grouping(), key.bucket(), group);
            }
            Double value = from == null ? null : from.get(at);
            return value != null || from != null && from.containsKey(at) ? value : nothing;
        }
    }

    /** The values of one question's metrics, combined from its leaves at a fixed set of keys. */
    private record Evaluation(Map<Leaf, Map<Key, Double>> leaves, List<List<Column>> groupings,
            List<Answer.Bucket> buckets, Set<Key> keys) {

        /** {value, numerator, denominator} per key; the parts only for ratios. */
        Map<Key, Double[]> of(ResolvedMetric metric, Expansion expansion, int depth) {
            MetricDefinition definition = metric.definition();
            // The keys come in order (a sorted set): kept in it without sorting them again.
            var result = LinkedHashMap.<Key, Double[]>newLinkedHashMap(keys.size());
            if (type(definition) == MetricType.DERIVED) {
                for (Key key : keys) {
                    result.put(key, new Double[] {derive(metric, definition.expression(), key, depth), null, null});
                }
                return result;
            }
            List<Part> parts = parts(definition).stream().map(part -> part(part, expansion)).toList();
            for (Key key : keys) {
                Double[] values = new Double[parts.size()];
                for (int p = 0; p < parts.size(); p++) {
                    values[p] = parts.get(p).at(key);
                }
                result.put(key, parts.size() == 1 ? new Double[] {values[0], null, null}
                        : new Double[] {divide(values[0], values[1]), values[0], values[1]});
            }
            return result;
        }

        /** Where a part's values are, looked up once per metric rather than once per key. */
        private Part part(Measure part, Expansion expansion) {
            Double nothing = Statement.empty(part);
            if (expansion == null) {
                return new Part(nothing, null, leaves.get(new Leaf(part, groupings)), Map.of());
            }
            var byValue = new HashMap<String, Map<Key, Double>>();
            for (String value : expansion.values()) {
                Map<Key, Double> values = leaves.get(new Leaf(Expansions.narrowed(part, expansion.dimension(), value),
                        groupings));
                if (values != null) {
                    byValue.put(value, values);
                }
            }
            return new Part(nothing, expansion.dimension(), null, byValue);
        }

        private Double derive(ResolvedMetric metric, Expression expression, Key key, int depth) {
            if (depth > MetricValidator.MAX_EXPRESSION_DEPTH) {
                throw Refused.tooDeep();
            }
            if (expression.constant() != null) {
                return expression.constant();
            }
            if (expression.metric() != null) {
                ResolvedMetric other = referenced(metric, expression.metric());
                Double[] value = new Evaluation(leaves, groupings, buckets, Set.of(key)).of(other, null, depth + 1)
                        .get(key);
                return value[0];
            }
            Double a = derive(metric, expression.args().get(0), key, depth + 1);
            Double b = derive(metric, expression.args().get(1), key, depth + 1);
            if (a == null || b == null) {
                return null;
            }
            return switch (Vocabulary.parse(Vocabulary.ArithmeticOp.class, expression.op()).orElseThrow()) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> divide(a, b);
            };
        }

        private static Double divide(Double top, Double bottom) {
            return top == null || bottom == null || bottom == 0 ? null : top / bottom;
        }
    }
}
