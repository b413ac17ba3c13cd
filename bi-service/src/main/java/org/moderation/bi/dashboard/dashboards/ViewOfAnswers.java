package org.moderation.bi.dashboard.dashboards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.moderation.bi.dashboard.readmodel.Maturities;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.scope.Communities;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Change;
import org.moderation.bi.engine.Buckets;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.api.dashboard.DashboardView;
import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.dashboards.DashboardBreakdown;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardTile;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Horizon;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.Problem;

/**
 * A dashboard's view of the answers of one snapshot, as the API shows it. The read model's version in it is each
 * request's; the series' buckets are partial, and the numbers of a metric with a horizon mature, as of each request,
 * which changes only where a bucket ends or a cohort matures; the community
 * rows are labelled with the communities' names as last read. Everything else is the answers'. So the view is built
 * when they are computed, and again only once the clock has passed one of the buckets' ends or maturities or the names
 * were read anew: a view kept for many requests is not rebuilt at each of them.
 */
final class ViewOfAnswers {

    private record Built(Buckets.Span unchanged, Map<String, String> names, DashboardView view) {
    }

    private static final Buckets.Span ALWAYS = new Buckets.Span(Instant.MIN, Instant.MAX);

    private final DashboardService.Resolved resolved;
    private final DashboardService.Computed computed;
    private final DashboardService.Ask ask;
    private final TimeWindow compared;
    private final CommunityScope scope;
    /**
     * Two requests may build at once, each as of its own time and names; whichever is kept, a request whose time or
     * names it does not hold builds again.
     */
    private volatile Built built;

    ViewOfAnswers(DashboardService.Resolved resolved, DashboardService.Computed computed, DashboardService.Ask ask,
            TimeWindow compared, CommunityScope scope, Map<String, String> names, Instant now) {
        this.resolved = resolved;
        this.computed = computed;
        this.ask = ask;
        this.compared = compared;
        this.scope = scope;
        this.built = buildAt(now, names);
    }

    /** The answers' values and buckets, and the view's values built from them. */
    int size() {
        DashboardView view = built.view();
        int series = view.series() == null ? 0 : view.series().buckets().size()
                + view.series().lines().stream().mapToInt(line -> line.values().size()).sum();
        return computed.size() + view.kpis().size() + series
                + view.breakdowns().stream().mapToInt(t -> t.rows().size() * (1 + t.columns().size())).sum();
    }

    /**
     * The view as of {@code now}, with the communities' {@code names}, reporting {@code freshness}, since when the
     * catalog has not answered (null: it answers) and the {@code warnings} of the request.
     */
    DashboardView at(Instant now, Map<String, String> names, OverviewView.Freshness freshness,
            Instant catalogUnreachableSince, List<Problem> warnings) {
        Built current = built;
        if (!current.unchanged().contains(now) || current.names() != names) {
            current = buildAt(now, names);
            built = current;
        }
        DashboardView view = current.view();
        return new DashboardView(view.dashboard(), view.window(), view.comparedWith(), view.timeZone(), view.scope(),
                view.filters(), freshness, view.kpis(), view.series(), view.breakdowns(), catalogUnreachableSince,
                warnings);
    }

    private Built buildAt(Instant now, Map<String, String> names) {
        DashboardDefinition definition = resolved.definition();
        // Every maturity shown: the view holds only until the next of them changes.
        var maturities = new ArrayList<MaturityView>();
        var kpis = new ArrayList<DashboardView.Tile>();
        for (DashboardTile tile : definition.kpis()) {
            kpis.add(kpi(tile, now, maturities));
        }
        DashboardView.Series series = null;
        Buckets.Span unchanged = ALWAYS;
        if (computed.series() != null) {
            Buckets.AsOf asOf = Buckets.asOf(ask.window().from(), ask.window().to(), ask.granularity().grain(),
                    ask.zone(), now);
            var lines = new ArrayList<DashboardView.Line>();
            for (DashboardTile tile : definition.series()) {
                Answer.Result result = computed.series().result(resolved.metrics().get(tile));
                List<MaturityView> maturity = result.horizon() == null ? null : asOf.buckets().stream()
                        .map(b -> Maturities.of(result, b.coveredTo(), now)).toList();
                if (maturity != null) {
                    maturities.addAll(maturity);
                }
                lines.add(new DashboardView.Line(tile.id(), label(tile, result), metric(tile, result),
                        result.values().stream().filter(v -> v.group().isEmpty()).map(Answer.Value::value).toList(),
                        maturity));
            }
            unchanged = asOf.unchanged();
            series = new DashboardView.Series(ask.granularity().code(), asOf.buckets().stream()
                    .map(b -> new DashboardView.Bucket(b.start(), b.coveredFrom(), b.coveredTo(), b.partial()))
                    .toList(), lines);
        }
        var tables = new ArrayList<DashboardView.Table>();
        List<List<Column>> groupings = DashboardService.groupings(definition);
        for (DashboardBreakdown breakdown : definition.breakdowns()) {
            tables.add(table(breakdown, groupings.indexOf(List.of(DashboardService.dimension(breakdown))), names, now,
                    maturities));
        }
        unchanged = Maturities.unchangedWithin(unchanged, maturities, now);
        var view = new DashboardView(resolved.reference(),
                new OverviewView.Window(ask.window().from(), ask.window().to()),
                compared == null ? null : new OverviewView.Window(compared.from(), compared.to()),
                ask.zone().getId(), scope.view(), ask.filters().asked(), null, List.copyOf(kpis), series, List.copyOf(tables),
                null, List.of());
        return new Built(unchanged, names, view);
    }

    private DashboardView.Tile kpi(DashboardTile tile, Instant now, List<MaturityView> maturities) {
        ResolvedMetric resolvedMetric = resolved.metrics().get(tile);
        Answer.Result result = computed.current().result(resolvedMetric);
        DashboardView.Metric metric = metric(tile, result);
        MaturityView maturity = Maturities.of(result, ask.window().to(), now);
        maturities.add(maturity);
        if (!result.metric().definition().breakdown().isEmpty()) {
            var breakdown = new LinkedHashMap<String, Double>();
            result.values().stream().filter(v -> v.grouping() == 0)
                    .forEach(v -> breakdown.put(groupKey(v.group()), v.value()));
            var shares = new LinkedHashMap<String, Double>();
            result.shares(0).forEach((group, share) -> shares.put(groupKey(group), share));
            return new DashboardView.Tile(tile.id(), label(tile, result), metric, null, null, null, breakdown,
                    shares.isEmpty() ? null : shares, null, maturity);
        }
        Answer.Value value = result.total();
        DashboardView.Change change = null;
        if (computed.previous() != null) {
            MaturityView before = Maturities.of(result, compared.to(), now);
            maturities.add(before);
            change = change(computed.previous().of(resolvedMetric, value), maturity, before);
        }
        return new DashboardView.Tile(tile.id(), label(tile, result), metric, value.value(), value.numerator(),
                value.denominator(), null, null, change, maturity);
    }

    /** A breakdown group as a tile names it: its values, in the breakdown's order. */
    private static String groupKey(Map<Column, String> group) {
        return String.join(" · ", group.values());
    }

    /**
     * Now against before, where both are complete: an immature cohort rate beside a mature one reads as a fall that is
     * only time not yet passed, so it is not compared, and says why (the previous value is still given, as what it is).
     */
    private static DashboardView.Change change(Change change, MaturityView maturity, MaturityView previousMaturity) {
        String notCompared = null;
        if (!Maturities.complete(maturity)) {
            notCompared = "not compared: this window is immature, " + Maturities.immature(maturity);
        } else if (!Maturities.complete(previousMaturity)) {
            notCompared = "not compared: the window compared with is immature, "
                    + Maturities.immature(previousMaturity);
        }
        boolean compare = notCompared == null;
        return new DashboardView.Change(change.before(), compare ? change.absolute() : null,
                compare ? change.relative() : null, previousMaturity, notCompared);
    }

    /** A breakdown's table from the values of its grouping set in the window's answer. */
    private DashboardView.Table table(DashboardBreakdown breakdown, int grouping, Map<String, String> names,
            Instant now, List<MaturityView> maturities) {
        Column dimension = DashboardService.dimension(breakdown);
        var keys = new TreeSet<String>(Comparator.nullsFirst(Comparator.naturalOrder()));
        var columns = new ArrayList<DashboardView.Column>();
        var results = new ArrayList<Answer.Result>();
        for (DashboardTile tile : breakdown.columns()) {
            Answer.Result result = computed.current().result(resolved.metrics().get(tile));
            results.add(result);
            MaturityView maturity = Maturities.of(result, ask.window().to(), now);
            maturities.add(maturity);
            columns.add(new DashboardView.Column(tile.id(), label(tile, result), metric(tile, result), maturity));
            result.values().stream().filter(v -> v.grouping() == grouping)
                    .forEach(v -> keys.add(v.group().get(dimension)));
        }
        var rows = new ArrayList<DashboardView.Row>();
        for (String key : keys) {
            var group = new LinkedHashMap<Column, String>();
            group.put(dimension, key);
            var values = new ArrayList<Double>();
            for (Answer.Result result : results) {
                Answer.Value value = result.at(grouping, group);
                values.add(value == null ? null : value.value());
            }
            rows.add(new DashboardView.Row(key, dimension == Column.COMMUNITY ? Communities.label(names, key)
                    : key == null ? "none" : key, values));
        }
        return new DashboardView.Table(breakdown.id(), breakdown.dimension(), columns, rows);
    }

    private static DashboardView.Metric metric(DashboardTile tile, Answer.Result result) {
        ResolvedMetric metric = result.metric();
        return new DashboardView.Metric(metric.key(), metric.version(), metric.status(), tile.version() == null,
                metric.definitionHash(), metric.definition().name(), metric.definition().type(),
                metric.definition().unit(), countedBy(metric.definition()), result.provenance().rule(),
                result.provenance().readFrom(), result.horizon() == null ? null : Horizon.iso(result.horizon()));
    }

    private static String countedBy(MetricDefinition definition) {
        return switch (definition.type()) {
            case "simple" -> definition.measure().time();
            case "ratio" -> definition.denominator().time();
            default -> null;
        };
    }

    private static String label(DashboardTile tile, Answer.Result result) {
        return tile.label() != null ? tile.label() : result.metric().definition().name();
    }
}
