package org.moderation.bi.engine.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * The routing rule for counts: a window is covered by the coarsest pre-aggregations that answer it exactly. Whole
 * UTC months inside it are read from a monthly rollup, whole weeks in what is left from a weekly one, then whole
 * days, then whole hours (within a rollup's horizon where it has one), then quarter hours; the ragged rest from the
 * facts. Local days, weeks and months are covered one at a time the same way (whatever lies inside one is that
 * bucket's, in any zone); local hours from hours or quarter hours where the zone's offset is a whole number of them.
 * A pre-aggregation qualifies when it answers the route ({@link PreAggregation#answers}), and when its buckets nest
 * in the question's buckets (a month of days is a month; a week of months is nothing); of those of a unit, the one
 * with the fewest dimensions is read, and hours with more than the quarter hours are not read at all. A question's
 * grouping sets are split into routes first ({@link #routes}).
 */
public final class Segments {

    private static final List<RollupUnit> COARSE_TO_FINE = List.of(RollupUnit.MONTH, RollupUnit.WEEK, RollupUnit.DAY,
            RollupUnit.HOUR, RollupUnit.QUARTER_HOUR);

    private final PreAggregations declared;

    /** Routing over the pre-aggregations the read model declares. */
    public Segments(PreAggregations declared) {
        this.declared = declared;
    }

    /**
     * The segments that cover [from, to). Local days, weeks and months are covered one by one, each by whatever fits
     * inside it: the whole UTC days inside a Berlin month are read from days and only its two ragged edges from hours
     * (a UTC day inside a local month is all of that month's, whichever zone), where reading the month from hours
     * read 24 times the rows. Adjacent segments of one source are one. Where the zone's local dates are not
     * stretches cut at quarter hours in the window (until 2011 St John's changed its clocks at 00:01, back to 23:01 the
     * day before), its buckets are read as before: from hours or quarter hours where they are pieces, else the facts.
     *
     * @param grain  the buckets asked for, or null for totals
     * @param zone   the zone the buckets are drawn in
     * @param needed the dimensions the question filters or groups by, the community scope included
     */
    public List<Segment> cover(Instant from, Instant to, Grain grain, ZoneId zone, Set<Column> needed,
            Instant now) {
        Map<RollupUnit, PreAggregation> narrowest = narrowest(needed);
        if (grain == null || grain == Grain.HOUR || !localDatesAreStretches(zone, from, to)) {
            return joined(pieces(from, to, grain, zone, narrowest, now));
        }
        var segments = new ArrayList<Segment>();
        List<Instant> edges = LocalBuckets.edges(from, to, grain, zone);
        for (int i = 1; i < edges.size(); i++) {
            Instant pieceFrom = edges.get(i - 1).isAfter(from) ? edges.get(i - 1) : from;
            Instant pieceTo = edges.get(i).isBefore(to) ? edges.get(i) : to;
            if (pieceFrom.isBefore(pieceTo)) {
                // Inside one bucket, every unit's buckets nest: any of them is read.
                segments.addAll(pieces(pieceFrom, pieceTo, null, zone, narrowest, now));
            }
        }
        return joined(segments);
    }

    /** [from, to) covered coarse to fine by the units whose buckets nest in {@code grain}'s (any, for null). */
    private static List<Segment> pieces(Instant from, Instant to, Grain grain, ZoneId zone,
            Map<RollupUnit, PreAggregation> narrowest, Instant now) {
        var segments = new ArrayList<Segment>();
        var pieces = new ArrayList<Instant[]>();
        pieces.add(new Instant[] {from, to});
        for (RollupUnit unit : COARSE_TO_FINE) {
            Optional<PreAggregation> source = best(unit, grain, zone, narrowest, from, to);
            if (source.isEmpty()) {
                continue;
            }
            Instant readable = source.get().readableFrom(now);
            var left = new ArrayList<Instant[]>();
            for (Instant[] piece : pieces) {
                Instant start = unit.ceil(readable == null || piece[0].isAfter(readable) ? piece[0] : readable);
                Instant end = unit.floor(piece[1]);
                if (start.isBefore(end)) {
                    segments.add(new Segment(source.get(), start, end));
                    addIfAny(left, piece[0], start);
                    addIfAny(left, end, piece[1]);
                } else {
                    left.add(piece);
                }
            }
            pieces = left;
        }
        pieces.forEach(piece -> segments.add(new Segment(null, piece[0], piece[1])));
        return segments;
    }

    /** The segments in time order, each run of adjacent ones read from the same source as one. */
    private static List<Segment> joined(List<Segment> segments) {
        segments.sort(Comparator.comparing(Segment::from));
        var joined = new ArrayList<Segment>();
        for (Segment segment : segments) {
            Segment last = joined.isEmpty() ? null : joined.getLast();
            if (last != null && last.to().equals(segment.from()) && Objects.equals(last.source(), segment.source())) {
                joined.set(joined.size() - 1, new Segment(last.source(), last.from(), segment.to()));
            } else {
                joined.add(segment);
            }
        }
        return joined;
    }

    /** Grouping sets (indices, in order) that one statement answers, and the segments it reads. */
    public record Route(List<Integer> sets, List<Segment> cover) {
    }

    /**
     * The statements a question's counts take: its {@link #routes}, each with its cover, where routes whose covers
     * read the same segments (a window of hours, buckets of a zone read from the facts) are one after all: apart,
     * each would read them again.
     *
     * @param common the dimensions every grouping set needs besides its own: the question's filters and scope
     */
    public List<Route> plan(Instant from, Instant to, Grain grain, ZoneId zone, List<List<Column>> groupings,
            Set<Column> common, Instant now) {
        // Routes of the same cover that count a submission once per value of different many-valued dimensions (or
        // once) stay apart: one statement reads its facts once per value of the same ones.
        var byCover = new LinkedHashMap<Map.Entry<Set<Column>, List<Segment>>, List<Integer>>();
        for (List<Integer> route : routes(groupings, common)) {
            var needed = new HashSet<>(common);
            route.forEach(set -> needed.addAll(groupings.get(set)));
            byCover.computeIfAbsent(Map.entry(manyValued(needed), cover(from, to, grain, zone, needed, now)),
                    c -> new ArrayList<>()).addAll(route);
        }
        var plan = new ArrayList<Route>();
        byCover.forEach((cover, sets) -> plan.add(new Route(sets.stream().sorted().toList(), cover.getValue())));
        return plan;
    }

    /**
     * The grouping sets of one question in routes, each answered by one statement: a set joins a route when the
     * pre-aggregations that answer the route answer it too, with no more dimensions (by platform, by platform detail
     * and the total read the rollups by platform; by community reads those by community), so a question asking for
     * totals by platform and by community never reads their product; and when it asks for the same many-valued
     * dimensions (by category and the distinct total are two routes). Each route lists its sets' indices in order,
     * and the routes are in the order of their first set.
     *
     * @param common the dimensions every set needs besides its own: the question's filters and scope
     */
    public List<List<Integer>> routes(List<List<Column>> groupings, Set<Column> common) {
        var order = new ArrayList<Integer>();
        for (int i = 0; i < groupings.size(); i++) {
            order.add(i);
        }
        // The widest sets first: a narrower one then joins a route that already answers it.
        order.sort(Comparator.comparingInt((Integer i) -> -needed(groupings.get(i), common).size()));
        var routes = new ArrayList<List<Integer>>();
        var answered = new ArrayList<Set<Column>>();
        for (int set : order) {
            Set<Column> needed = needed(groupings.get(set), common);
            int joined = -1;
            for (int r = 0; r < routes.size() && joined < 0; r++) {
                var together = new HashSet<>(answered.get(r));
                together.addAll(needed);
                if (manyValued(needed).equals(manyValued(answered.get(r)))
                        && fewestDimensions(together) == fewestDimensions(answered.get(r))) {
                    joined = r;
                    answered.set(r, together);
                }
            }
            if (joined < 0) {
                routes.add(new ArrayList<>(List.of(set)));
                answered.add(needed);
            } else {
                routes.get(joined).add(set);
            }
        }
        routes.forEach(route -> route.sort(Comparator.naturalOrder()));
        routes.sort(Comparator.comparing(List::getFirst));
        return routes.stream().map(List::copyOf).toList();
    }

    private static Set<Column> needed(List<Column> grouping, Set<Column> common) {
        var needed = new HashSet<>(common);
        needed.addAll(grouping);
        return needed;
    }

    private static Set<Column> manyValued(Set<Column> needed) {
        return needed.stream().filter(Column::manyValued).collect(Collectors.toSet());
    }

    /** How many dimensions the narrowest pre-aggregation that answers {@code needed} has (of any unit). */
    private int fewestDimensions(Set<Column> needed) {
        return narrowest(needed).values().stream().mapToInt(p -> p.dimensions().size()).min()
                .orElse(Integer.MAX_VALUE);
    }

    /**
     * For each unit, the pre-aggregation with the fewest dimensions that answers {@code needed}: looked up once per
     * cover, not once per bucket of a long window.
     */
    private Map<RollupUnit, PreAggregation> narrowest(Set<Column> needed) {
        var narrowest = new EnumMap<RollupUnit, PreAggregation>(RollupUnit.class);
        for (PreAggregation candidate : declared.all()) {
            PreAggregation known = narrowest.get(candidate.unit());
            if (candidate.answers(needed)
                    && (known == null || candidate.dimensions().size() < known.dimensions().size())) {
                narrowest.put(candidate.unit(), candidate);
            }
        }
        // Hours kept by more dimensions than the quarter hours are passed over for them where those reach as far back:
        // each dimension beyond the question's splits an hour's row into one per value. At 1M posts the hours by
        // community, platform and detail held 1,660 rows a day, the quarter hours by community about 600 in community
        // order, and a manager's edge of a week read all 13,316 hours to keep 660.
        PreAggregation hours = narrowest.get(RollupUnit.HOUR);
        PreAggregation quarters = narrowest.get(RollupUnit.QUARTER_HOUR);
        if (hours != null && quarters != null && quarters.dimensions().size() < hours.dimensions().size()
                && (quarters.horizon() == null
                        || hours.horizon() != null && quarters.horizon().compareTo(hours.horizon()) >= 0)) {
            narrowest.remove(RollupUnit.HOUR);
        }
        return narrowest;
    }

    /** The narrowest pre-aggregation of this unit that can answer, if any reads the window's buckets of this unit. */
    private static Optional<PreAggregation> best(RollupUnit unit, Grain grain, ZoneId zone,
            Map<RollupUnit, PreAggregation> narrowest, Instant from, Instant to) {
        if (!nests(unit, grain) || grain != null && !utc(zone) && !unit.fixedLength()
                .map(length -> changesAtWhole(zone, from, to, length)).orElse(false)) {
            return Optional.empty();
        }
        return Optional.ofNullable(narrowest.get(unit));
    }

    /** Whether buckets of {@code unit} add up to buckets of {@code grain} (always, without a grain). */
    private static boolean nests(RollupUnit unit, Grain grain) {
        return grain == null || switch (unit) {
            case QUARTER_HOUR, HOUR -> true;
            case DAY -> grain != Grain.HOUR;
            case WEEK -> grain == Grain.WEEK;
            case MONTH -> grain == Grain.MONTH;
        };
    }

    private static boolean utc(ZoneId zone) {
        return ZoneOffset.UTC.equals(zone.normalized());
    }

    /**
     * Whether UTC buckets of {@code length} are pieces of the zone's local hours throughout the window: its offset is a
     * whole number of them, and changes only at their edges (whole hours for Berlin, quarter hours for Kolkata and
     * Kathmandu; until 2011 St John's changed at 00:01 local time, inside a quarter hour).
     */
    private static boolean changesAtWhole(ZoneId zone, Instant from, Instant to, Duration length) {
        long seconds = length.toSeconds();
        var rules = zone.getRules();
        if (rules.getOffset(from).getTotalSeconds() % seconds != 0) {
            return false;
        }
        for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(to);
             t = rules.nextTransition(t.getInstant())) {
            if (t.getOffsetAfter().getTotalSeconds() % seconds != 0 || t.getInstant().getEpochSecond() % seconds != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether each local date in the window is one stretch of time cut at quarter hours: quarter hours then lie inside
     * a local day, week or month, or outside it. Not so where the offset is not whole quarter hours, changes inside
     * one, or turns the clocks back across midnight (a date that returns).
     */
    private static boolean localDatesAreStretches(ZoneId zone, Instant from, Instant to) {
        if (!changesAtWhole(zone, from, to, RollupUnit.QUARTER_HOUR.fixedLength().orElseThrow())) {
            return false;
        }
        var rules = zone.getRules();
        for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(to);
             t = rules.nextTransition(t.getInstant())) {
            if (t.isOverlap() && !t.getDateTimeBefore().minusNanos(1).toLocalDate()
                    .equals(t.getDateTimeAfter().toLocalDate())) {
                return false;
            }
        }
        return true;
    }

    private static void addIfAny(List<Instant[]> pieces, Instant from, Instant to) {
        if (from.isBefore(to)) {
            pieces.add(new Instant[] {from, to});
        }
    }
}
