package org.moderation.bi.engine.sql;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.moderation.bi.engine.plan.Counter;
import org.moderation.bi.engine.plan.LocalBuckets;
import org.moderation.bi.engine.plan.PreAggregation;
import org.moderation.bi.engine.plan.RollupUnit;
import org.moderation.bi.engine.plan.Segment;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary;

/**
 * Measures compiled into one statement (one scan, one round trip), grouped by several grouping sets at once: counters
 * summed over the segments of a window (pre-aggregations and, for the ragged rest, the facts' events), or any
 * measure of the language aggregated over the facts.
 */
public final class Statements {

    private static final String FACTS = "mv_submission_facts";
    /** The ragged rest of a window at whole quarter hours, hours or days: less than a day at each end. */
    private static final Duration SMALL_FACTS = Duration.ofDays(1);
    /** A year of days and then some. */
    private static final long GENERIC_BUCKETS = 400;

    /**
     * What a question asks of a statement besides its measures. Its grouping sets group by the same many-valued
     * columns, if any (each is unnested once for the statement). {@code search} (null: none) keeps the submissions
     * whose words, author or link match it ({@link Conditions#search}).
     */
    public record Shape(Instant from, Instant to, ZoneId zone, Grain grain, List<List<Column>> groupings,
            List<Filter> filters, Communities communities, int rowLimit, List<Restriction> restrictions, String search) {

        public Shape {
            groupings = groupings.stream().map(List::copyOf).toList();
            filters = List.copyOf(filters);
            restrictions = List.copyOf(restrictions);
        }

        public Shape(Instant from, Instant to, ZoneId zone, Grain grain, List<List<Column>> groupings,
                List<Filter> filters, Communities communities, int rowLimit) {
            this(from, to, zone, grain, groupings, filters, communities, rowLimit, List.of(), null);
        }

        /** The many-valued columns its grouping sets group by. */
        List<Column> unnested() {
            return groupings.stream().flatMap(List::stream).filter(Column::manyValued).distinct().toList();
        }
    }

    private Statements() {
    }

    /** Counters summed over the segments that cover the window. */
    public static Statement counters(List<Measure> measures, List<Segment> segments, Shape shape) {
        return counters(measures, segments, shape, null);
    }

    /** The same, or with {@code ranked} (null: none) the groups of that one dimension ranked ({@link #ranking}). */
    private static Statement counters(List<Measure> measures, List<Segment> segments, Shape shape, Column ranked) {
        // A submission is a row per value of the many-valued columns the route asks for (the rollups by category
        // keep it so): their filters pick rows; assemble's conditions hold per submission.
        List<Column> perValue = perValue(shape);
        var perSubmission = shape.filters().stream().filter(f -> !perValue.contains(Column.validated(f.column())))
                .toList();
        Shape perSubmissionShape = new Shape(shape.from(), shape.to(), shape.zone(), shape.grain(), shape.groupings(),
                perSubmission, shape.communities(), shape.rowLimit(), shape.restrictions(), shape.search());
        // Placeholders in text order: the aggregates' conditions, then the segments'.
        var parameters = new ArrayList<Object>();
        Function<Column, String> sql = Statements::countedColumn;
        var aggregates = new ArrayList<String>();
        boolean readsCommunities = !shape.communities().all() || shape.groupings().stream()
                .anyMatch(grouping -> grouping.contains(Column.COMMUNITY)) || onCommunity(shape.filters());
        // Only the counters the measures sum are read: a row of the union is as wide as they need.
        var used = EnumSet.noneOf(Counter.class);
        for (Measure measure : measures) {
            Counter.Counted counted = Counter.of(measure).orElseThrow(
                    () -> new IllegalArgumentException("no pre-aggregation counts " + measure));
            used.add(counted.counter());
            readsCommunities |= onCommunity(counted.dimensionFilters());
            var conditions = new ArrayList<String>();
            for (Filter filter : counted.dimensionFilters()) {
                conditions.add(Conditions.condition(filter, sql, parameters));
            }
            aggregates.add("coalesce(sum(x." + counted.counter().column() + ")"
                    + (conditions.isEmpty() ? "" : " FILTER (WHERE " + String.join(" AND ", conditions) + ")")
                    + ", 0)::double precision");
        }
        var arms = new ArrayList<String>();
        var reads = new LinkedHashSet<String>();
        // A pre-aggregation's segments are one read: a local year by month is a dozen stretches of days and of hours.
        var sources = new HashSet<PreAggregation>();
        for (Segment segment : segments) {
            if (segment.facts()) {
                arms.add(factEvents(segment, shape, perValue, used, parameters));
                reads.add(FACTS);
            } else if (sources.add(segment.source())) {
                arms.add(rollupRows(segments.stream().filter(s -> segment.source().equals(s.source())).toList(),
                        shape, perValue, used, parameters));
                reads.add(segment.source().relation());
            }
        }
        List<Segment> rolledUp = segments.stream().filter(segment -> !segment.facts()).toList();
        if (!rolledUp.isEmpty() && (used.contains(Counter.SUBMISSIONS_REMOVED)
                || used.contains(Counter.SUBMISSIONS_REMOVED_WITHIN_HORIZON))) {
            arms.add(notYetRemoved(rolledUp, shape, perValue, used, parameters));
        }
        String union = "(" + String.join(" UNION ALL ", arms) + ")";
        if (shape.grain() == null && readsCommunities) {
            // Summed by community id before the communities are joined: a year is some thousands of rollup rows, but
            // only as many groups as there are communities, platforms and details (PostgreSQL 15 never aggregates
            // below a join by itself). With a grain, the groups are about as many as the rows: nothing to gain.
            union = "(SELECT u.ts, u.community_id, u.platform, u.platform_detail"
                    + valueColumns(perValue, column -> "u." + column.jsonName()) + ", "
                    + counterColumns(used, counter -> "sum(u." + counter.column() + ")::double precision AS "
                    + counter.column()) + " FROM " + union + " u GROUP BY 1, 2, 3, 4"
                    + perValue.stream().map(column -> ", " + (5 + perValue.indexOf(column)))
                    .collect(Collectors.joining()) + ")";
        }
        String from = union + " x LEFT JOIN communities c ON c.id = x.community_id";
        var conditions = new ArrayList<String>();
        for (Restriction restriction : shape.restrictions()) {
            conditions.add(countedRestriction(restriction, parameters));
        }
        for (Filter filter : shape.filters()) {
            Column column = Column.validated(filter.column());
            if (perValue.contains(column)) {
                conditions.add(Conditions.heldValue(filter, countedColumn(column), parameters));
            }
        }
        if (ranked != null) {
            conditions.add(countedColumn(ranked) + " IS NOT NULL");
        }
        return assemble(perSubmissionShape, sql, sql, "x.ts", List.of(), measures, aggregates, from, conditions,
                parameters, List.copyOf(reads), shape.groupings().size() > 1, planning(segments), ranked);
    }

    /**
     * Any measures over the facts, each over its own time column in the window.
     *
     * @throws IllegalArgumentException when a grain is asked of measures anchored on different times
     */
    public static Statement facts(List<Measure> measures, Shape shape) {
        return facts(measures, shape, null);
    }

    /** The same, or with {@code ranked} (null: none) the groups of that one dimension ranked ({@link #ranking}). */
    private static Statement facts(List<Measure> measures, Shape shape, Column ranked) {
        List<Column> times = measures.stream().map(m -> Column.validated(m.time())).distinct().toList();
        if (shape.grain() != null && times.size() != 1) {
            throw new IllegalArgumentException("a grain needs measures anchored on one time column: " + times);
        }
        var parameters = new ArrayList<Object>();
        var aggregates = new ArrayList<String>();
        for (Measure measure : measures) {
            aggregates.add(factAggregate(measure, shape, parameters));
        }
        var window = new ArrayList<String>();
        for (Column time : times) {
            window.add(Conditions.inWindow(time, shape.from(), shape.to(), parameters));
        }
        var conditions = new ArrayList<String>();
        conditions.add("(" + String.join(" OR ", window) + ")" + andOwnCommunities("f.community_id", shape,
                parameters));
        var from = new StringBuilder(FACTS + " f");
        List<Column> unnested = shape.unnested();
        for (Column column : unnested) {
            from.append(Conditions.unnested(column));
        }
        for (Filter filter : shape.filters()) {
            if (unnested.contains(Column.validated(filter.column()))) {
                String narrowed = Conditions.narrowedGroups(filter, parameters);
                if (narrowed != null) {
                    conditions.add(narrowed);
                }
            }
        }
        for (Restriction restriction : shape.restrictions()) {
            conditions.add(Conditions.restriction(restriction, unnested.contains(restriction.column()), parameters));
        }
        if (shape.search() != null) {
            conditions.add(Conditions.search(shape.search(), parameters));
        }
        if (ranked != null) {
            conditions.add(Conditions.groupedFactColumn(ranked) + " IS NOT NULL");
        }
        var bucketParameters = new ArrayList<Object>();
        String bucket = bucket(shape, Conditions.factColumn(times.getFirst()), null, bucketParameters);
        return assemble(shape, Conditions::groupedFactColumn, Conditions::factColumn, bucket, bucketParameters,
                measures, aggregates, from.toString(), conditions, parameters, List.of(FACTS), false,
                PlanCacheMode.CUSTOM, ranked);
    }

    /**
     * The {@code top} groups of {@code dimension} by a measure over the facts (largest first, then by value), in the
     * shape's window, scope, filters and restrictions; the group without a value is not ranked.
     */
    public static Statement ranking(Measure measure, Column dimension, Shape shape, int top) {
        return facts(List.of(measure), ranked(dimension, shape, top), dimension);
    }

    /** The same for a counter, summed over the segments that cover the window for that dimension. */
    public static Statement ranking(Measure counted, List<Segment> segments, Column dimension, Shape shape, int top) {
        return counters(List.of(counted), segments, ranked(dimension, shape, top), dimension);
    }

    private static Shape ranked(Column dimension, Shape shape, int top) {
        return new Shape(shape.from(), shape.to(), shape.zone(), null, List.of(List.of(dimension)), shape.filters(),
                shape.communities(), top, shape.restrictions(), shape.search());
    }

    /**
     * Counters are planned once where what they read is small whatever the values: at most {@link #GENERIC_BUCKETS}
     * buckets of pre-aggregations (a few rows each), and segments of the facts of at most {@link #SMALL_FACTS} each
     * (what a snapshot's clock has not yet taken back is read by its own index). Ten years of days, or a year of a
     * zone's days read from its hours, get a plan made for their values.
     */
    private static PlanCacheMode planning(List<Segment> segments) {
        boolean smallFacts = segments.stream().filter(Segment::facts)
                .allMatch(s -> Duration.between(s.from(), s.to()).compareTo(SMALL_FACTS) <= 0);
        long buckets = segments.stream().mapToLong(Segment::buckets).sum();
        return smallFacts && buckets <= GENERIC_BUCKETS ? PlanCacheMode.GENERIC : PlanCacheMode.CUSTOM;
    }

    /**
     * SELECT grouping mask, bucket, dimensions, aggregates FROM {@code from} WHERE conditions, scope and filters,
     * grouped by every grouping set. {@code bucket} is the bucket's SQL (unused without a grain) with its placeholders
     * in {@code bucketParameters}; {@code collected} holds the placeholders of the aggregates, the FROM and the
     * conditions, in that (text) order.
     * <p>
     * With {@code sumsRolledUpHere} (sums only, more than one grouping set) the statement groups by every dimension at
     * once and {@link Statement} adds the finest groups up to each grouping set: hashing each row once instead of once
     * per grouping set took a quarter off the year's overview in PostgreSQL. Past the row limit it runs the grouping
     * sets instead. With {@code ranked} (null: none), the groups of that one dimension instead, largest first, as many
     * as the row limit.
     */
    private static Statement assemble(Shape shape, Function<Column, String> sql, Function<Column, String> filtered,
            String bucket, List<Object> bucketParameters, List<Measure> measures, List<String> aggregates,
            String from, List<String> conditions, List<Object> collected, List<String> reads,
            boolean sumsRolledUpHere, PlanCacheMode planning, Column ranked) {
        var dimensions = new ArrayList<Column>(new LinkedHashSet<>(shape.groupings().stream().flatMap(List::stream)
                .toList()));
        var parameters = new ArrayList<Object>();
        var select = new StringBuilder();
        if (shape.grain() == null) {
            select.append(", CAST(NULL AS timestamptz)");
        } else {
            select.append(", ").append(bucket);
            parameters.addAll(bucketParameters);
        }
        for (Column dimension : dimensions) {
            select.append(", ").append(sql.apply(dimension));
        }
        for (String aggregate : aggregates) {
            select.append(", ").append(aggregate);
        }
        parameters.addAll(collected);
        select.append(" FROM ").append(from);
        var where = new ArrayList<>(conditions);
        where.add(Conditions.inScope(filtered, shape.communities(), parameters));
        for (Filter filter : shape.filters()) {
            where.add(Conditions.condition(filter, filtered, parameters));
        }
        select.append(" WHERE ").append(String.join(" AND ", where));
        if (ranked != null) {
            // The largest groups first, then by value; the limit is the ranking's top, not a check of the answer.
            parameters.add(shape.rowLimit());
            return new Statement("SELECT 0" + select + " GROUP BY " + sql.apply(ranked)
                    + " ORDER BY 4 DESC NULLS LAST, 3 LIMIT ?", parameters, reads, shape.groupings(), dimensions,
                    measures, shape.rowLimit(), null, planning);
        }
        parameters.add(shape.rowLimit() + 1);
        String mask = dimensions.isEmpty() ? "0" : "grouping(" + String.join(", ", dimensions.stream().map(sql)
                .toList()) + ")";
        var bySets = new Statement("SELECT " + mask + select + groupingSets(shape, sql, dimensions) + " LIMIT ?",
                parameters, reads, shape.groupings(), dimensions, measures, shape.rowLimit(), null, planning);
        if (!sumsRolledUpHere) {
            return bySets;
        }
        var finest = new ArrayList<String>();
        if (shape.grain() != null) {
            finest.add("2");
        }
        dimensions.forEach(d -> finest.add(sql.apply(d)));
        return new Statement("SELECT 0" + select + (finest.isEmpty() ? "" : " GROUP BY " + String.join(", ", finest))
                + " LIMIT ?", parameters, reads, shape.groupings(), dimensions, measures, shape.rowLimit(), bySets,
                planning);
    }

    /** GROUP BY every grouping set (each with the bucket), in a stable order; nothing when there is one row. */
    private static String groupingSets(Shape shape, Function<Column, String> sql, List<Column> dimensions) {
        boolean grouped = shape.grain() != null || !dimensions.isEmpty() || shape.groupings().size() > 1;
        if (!grouped) {
            return "";
        }
        var clause = new StringBuilder(" GROUP BY GROUPING SETS (");
        for (int i = 0; i < shape.groupings().size(); i++) {
            var keys = new ArrayList<String>();
            if (shape.grain() != null) {
                keys.add("2");
            }
            shape.groupings().get(i).forEach(d -> keys.add(sql.apply(d)));
            clause.append(i == 0 ? "" : ", ").append("(").append(String.join(", ", keys)).append(")");
        }
        clause.append(") ORDER BY 1, 2");
        for (int i = 0; i < dimensions.size(); i++) {
            clause.append(", ").append(3 + i);
        }
        return clause.toString();
    }

    /**
     * A pre-aggregation's rows of its segments (one source), in the shape every segment shares: ts is the row's
     * bucket of the question's grain. The rollup as kept: what of it has not happened by now is taken back by
     * {@link #notYetRemoved} once for all segments.
     */
    private static String rollupRows(List<Segment> segments, Shape shape, List<Column> perValue, Set<Counter> used,
            List<Object> parameters) {
        PreAggregation source = segments.getFirst().source();
        boolean platforms = source.dimensions().contains(Column.PLATFORM);
        String community = source.dimensions().contains(Column.COMMUNITY) ? "r.community_id"
                : "NULL::bigint AS community_id";
        String bucket = bucket(shape, instant(source), source.unit(), parameters);
        boolean instants = source.unit().keptAsInstants();
        String rows;
        if (segments.size() == 1) {
            String type = instants ? "timestamptz" : "date";
            parameters.add(bound(source, segments.getFirst().from()));
            parameters.add(bound(source, segments.getFirst().to()));
            rows = source.relation() + " r WHERE r." + source.timeColumn() + " >= ?::" + type + " AND r."
                    + source.timeColumn() + " < ?::" + type + andOwnCommunities("r.community_id", shape, parameters);
        } else {
            // The stretches as two arrays of numbers (epoch seconds or days: any year PostgreSQL has, as text would
            // not be), each stretch read by the index on its own: lateral, so that its bounds are the index's (joined,
            // they filtered all the rows).
            parameters.add(new Statement.ArrayParameter("bigint", segments.stream()
                    .map(segment -> epoch(segment.from(), instants)).toArray()));
            parameters.add(new Statement.ArrayParameter("bigint", segments.stream()
                    .map(segment -> epoch(segment.to(), instants)).toArray()));
            String lo = instants ? "to_timestamp(w.lo)" : "(date '1970-01-01' + w.lo::integer)";
            String hi = instants ? "to_timestamp(w.hi)" : "(date '1970-01-01' + w.hi::integer)";
            rows = "unnest(?::bigint[], ?::bigint[]) AS w (lo, hi), LATERAL (SELECT * FROM " + source.relation()
                    + " k WHERE k." + source.timeColumn() + " >= " + lo + " AND k." + source.timeColumn() + " < " + hi
                    + andOwnCommunities("k.community_id", shape, parameters) + ") r";
        }
        return "SELECT " + bucket + " AS ts, " + community + ", "
                + (platforms ? "r.platform, r.platform_detail" : "NULL::text AS platform, NULL::text AS platform_detail")
                + valueColumns(perValue, column -> "r." + column.jsonName()) + ", "
                + counterColumns(used, counter -> "r." + counter.column()) + " FROM " + rows;
    }

    /**
     * The caller's scope within a read of rows (nothing for every community): a manager's question reads the rows of
     * their communities, by the index on community where there is one, not every community's rows to drop most of
     * them afterwards (at 1,000,000 posts that made a manager's year in Berlin 1.2 s, a superadmin's 0.15 s). The
     * filter by slug stays the rule; this only reads less. A route for a scope always reads a pre-aggregation that
     * keeps the community.
     */
    private static String andOwnCommunities(String communityId, Shape shape, List<Object> parameters) {
        if (shape.communities().all()) {
            return "";
        }
        parameters.add(new Statement.ArrayParameter("text", shape.communities().slugs().toArray()));
        return " AND " + communityId + " IN (SELECT s.id FROM communities s WHERE s.slug = ANY (?::text[]))";
    }

    /**
     * What the rollups' readers take back ({@code *_rollup_now}, V10), for all of a statement's rollup segments in one
     * read instead of one per segment (each is another relation to plan): a submission in those segments whose
     * takedown is dated after now, by a clock ahead, is not removed yet, so it leaves submissions_removed (and, where
     * it is within the kept horizon of its submission, submissions_removed_14d) of its submission's bucket; read only
     * where a measure sums one of those. Segments' edges are edges of their rollups' buckets, so submitted_at falls in
     * a segment exactly where its bucket does.
     */
    private static String notYetRemoved(List<Segment> segments, Shape shape, List<Column> perValue,
            Set<Counter> used, List<Object> parameters) {
        String bucket = bucket(shape, "f.submitted_at", null, parameters);
        var within = new ArrayList<String>();
        // Adjacent segments as one stretch: a local year of days is hundreds of segments, and one stretch of time.
        for (int i = 0; i < segments.size(); ) {
            int last = i;
            while (last + 1 < segments.size() && segments.get(last + 1).from().equals(segments.get(last).to())) {
                last++;
            }
            parameters.add(segments.get(i).from().atOffset(ZoneOffset.UTC));
            parameters.add(segments.get(last).to().atOffset(ZoneOffset.UTC));
            within.add("f.submitted_at >= ? AND f.submitted_at < ?");
            i = last + 1;
        }
        return "SELECT " + bucket + " AS ts, f.community_id, f.platform, f.platform_detail"
                + valueColumns(perValue, Conditions::groupedFactColumn) + ", " + counterColumns(used,
                counter -> switch (counter) {
                    case SUBMISSIONS_REMOVED -> "-1";
                    case SUBMISSIONS_REMOVED_WITHIN_HORIZON -> "-removed_within_horizon(f.submitted_at, "
                            + "f.effective_takedown_at)";
                    default -> "0";
                } + " AS " + counter.column()) + " FROM " + FACTS + " f" + unnested(perValue)
                + " WHERE f.effective_takedown_at IS NOT NULL "
                + "AND NOT taken_down_by_now(f.effective_takedown_at) AND (" + String.join(" OR ", within) + ")"
                + andOwnCommunities("f.community_id", shape, parameters);
    }

    /** The facts' events of one segment (what the rollups would have counted), in the same shape. */
    private static String factEvents(Segment segment, Shape shape, List<Column> perValue, Set<Counter> used,
            List<Object> parameters) {
        String bucket = bucket(shape, "e.at", null, parameters);
        for (int i = 0; i < 3; i++) {
            parameters.add(segment.from().atOffset(ZoneOffset.UTC));
            parameters.add(segment.to().atOffset(ZoneOffset.UTC));
        }
        return "SELECT " + bucket + " AS ts, f.community_id, f.platform, f.platform_detail"
                + valueColumns(perValue, Conditions::groupedFactColumn) + ", " + counterColumns(used,
                counter -> switch (counter) {
                    // What is taken down after now has not happened yet.
                    case SUBMISSIONS_REMOVED, SUBMISSIONS_REMOVED_WITHIN_HORIZON -> "CASE WHEN taken_down_by_now("
                            + "f.effective_takedown_at) THEN e." + counter.column() + " ELSE 0 END";
                    default -> "e." + counter.column();
                } + " AS " + counter.column()) + " FROM " + FACTS + " f" + unnested(perValue) + ", "
                + "LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, f.takedown_source) e "
                + "WHERE (f.submitted_at >= ? AND f.submitted_at < ? OR f.effective_takedown_at >= ? "
                + "AND f.effective_takedown_at < ?) AND e.at >= ? AND e.at < ?" + andOwnCommunities("f.community_id", shape,
                parameters);
    }

    /**
     * The bucket of the question's grain that holds {@code instant} (SQL), in the question's zone: nothing without a
     * grain; the instant itself where it is the start of a UTC bucket of that unit ({@code unit}, null for any
     * instant) and the buckets are UTC ones; a local day, week or month looked up among the buckets' edges; else
     * truncated, per row.
     */
    private static String bucket(Shape shape, String instant, RollupUnit unit, List<Object> parameters) {
        if (shape.grain() == null) {
            return "CAST(NULL AS timestamptz)";
        }
        boolean utc = ZoneOffset.UTC.equals(shape.zone().normalized());
        if (unit != null && unit.is(shape.grain()) && utc) {
            return instant;
        }
        String truncated = "date_trunc('" + Vocabulary.jsonName(shape.grain()) + "', " + instant + ", ?)";
        if (utc || shape.grain() == Grain.HOUR) {
            parameters.add(shape.zone().getId());
            return truncated;
        }
        // A local day, week or month looked up among the buckets' edges (a binary search), not by converting each row
        // to the zone: a manager's Berlin month of quarter hours took 0.8 ms, not 2.8 (BENCHMARKS, session 67). The
        // edges as epoch seconds (any year PostgreSQL has), made instants once per statement; date_trunc answers for
        // a row outside them, which a read of the window does not have.
        Object[] edges = LocalBuckets.edges(shape.from(), shape.to(), shape.grain(), shape.zone()).stream()
                .map(Instant::getEpochSecond).toArray();
        String starts = "(SELECT array_agg(to_timestamp(e) ORDER BY e) FROM unnest(?::bigint[]) AS e)";
        parameters.add(new Statement.ArrayParameter("bigint", edges));
        parameters.add(new Statement.ArrayParameter("bigint", edges));
        parameters.add(shape.zone().getId());
        return "coalesce((" + starts + ")[width_bucket(" + instant + ", " + starts + ")], " + truncated + ")";
    }

    private static String instant(PreAggregation source) {
        return source.unit().keptAsInstants() ? "r." + source.timeColumn()
                : "(r." + source.timeColumn() + "::timestamp AT TIME ZONE 'UTC')";
    }

    /** An instant as epoch seconds, or a UTC date's start as epoch days. */
    private static long epoch(Instant instant, boolean seconds) {
        return seconds ? instant.getEpochSecond() : Math.floorDiv(instant.getEpochSecond(), 86_400);
    }

    private static Object bound(PreAggregation source, Instant instant) {
        return source.unit().keptAsInstants() ? instant.atOffset(ZoneOffset.UTC)
                : instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * The many-valued columns a route of counts asks for (groups or filters by): its rows are one per value of each
     * (none: one per submission).
     */
    private static List<Column> perValue(Shape shape) {
        var columns = new LinkedHashSet<>(shape.unnested());
        shape.filters().stream().map(f -> Column.validated(f.column())).filter(Column::manyValued)
                .forEach(columns::add);
        return List.copyOf(columns);
    }

    /** The many-valued columns of a row, each as {@code sql} writes it, named as the rollups name it. */
    private static String valueColumns(List<Column> perValue, Function<Column, String> sql) {
        return perValue.stream().map(column -> ", " + sql.apply(column) + " AS " + column.jsonName())
                .collect(Collectors.joining());
    }

    /** A fact's row for each value of the many-valued columns (one row without a value where it has none). */
    private static String unnested(List<Column> perValue) {
        return perValue.stream().map(Conditions::unnested).collect(Collectors.joining());
    }

    /** The value of each counter {@code used}, as {@code sql} writes it for the counter, in the counters' order. */
    private static String counterColumns(Set<Counter> used, Function<Counter, String> sql) {
        var columns = new ArrayList<String>();
        for (Counter counter : Counter.values()) {
            if (used.contains(counter)) {
                columns.add(sql.apply(counter));
            }
        }
        return String.join(", ", columns);
    }

    /** A top N's restriction on the rows every segment shares (a column the pre-aggregations keep, of one value). */
    private static String countedRestriction(Restriction restriction, List<Object> parameters) {
        String column = countedColumn(restriction.column());
        parameters.add(new Statement.ArrayParameter("text", restriction.values().toArray()));
        return restriction.outside() ? "(" + column + " IS NOT NULL AND NOT (" + column + " = ANY (?::text[])))"
                : "(" + column + " IS NULL OR " + column + " = ANY (?::text[]))";
    }

    private static boolean onCommunity(List<Filter> filters) {
        return filters.stream().anyMatch(filter -> Column.validated(filter.column()) == Column.COMMUNITY);
    }

    /** The rows every segment shares: community (by slug, through the join), platform, detail, category, hashtag. */
    private static String countedColumn(Column column) {
        return switch (column) {
            case COMMUNITY -> "c.slug";
            case PLATFORM -> "x.platform";
            case PLATFORM_DETAIL -> "x.platform_detail";
            case CATEGORY -> "x.category";
            case HASHTAG -> "x.hashtag";
            default -> throw new IllegalArgumentException(column + " is not kept by the pre-aggregations");
        };
    }

    private static String factAggregate(Measure measure, Shape shape, List<Object> parameters) {
        var conditions = new ArrayList<String>();
        conditions.add(Conditions.inWindow(Column.validated(measure.time()), shape.from(), shape.to(), parameters));
        for (Filter filter : measure.filters()) {
            conditions.add(Conditions.condition(filter, Conditions::factColumn, parameters));
        }
        String only = " FILTER (WHERE " + String.join(" AND ", conditions) + ")";
        Aggregation aggregation = Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow();
        Column column = measure.column() == null ? null : Column.validated(measure.column());
        String value = column == null || column.type() == Column.Type.TIMESTAMP ? null : Conditions.factColumn(column);
        return switch (aggregation) {
            case COUNT -> (column == null ? "count(*)" : "count(" + Conditions.factColumn(column) + ")") + only
                    + "::double precision";
            case COUNT_DISTINCT -> "count(DISTINCT " + Conditions.factColumn(column) + ")" + only + "::double precision";
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
                ? "extract(epoch FROM " + function + "(" + Conditions.factColumn(column) + ")" + only
                + ")::double precision"
                : function + "(" + Conditions.factColumn(column) + ")" + only + "::double precision";
    }
}
