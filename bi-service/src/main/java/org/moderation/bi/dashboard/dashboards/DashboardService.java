package org.moderation.bi.dashboard.dashboards;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.moderation.bi.dashboard.filters.DimensionFilters;
import org.moderation.bi.dashboard.filters.DimensionParameters;
import org.moderation.bi.dashboard.metrics.catalog.CatalogDefinitions;
import org.moderation.bi.dashboard.readmodel.Comparison;
import org.moderation.bi.dashboard.readmodel.KeptAnswers;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.scope.Communities;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.dashboard.timeseries.Granularity;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Compared;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.DashboardView;
import org.moderation.bi.shared.dashboards.BuiltInDashboards;
import org.moderation.bi.shared.dashboards.DashboardBreakdown;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardTile;
import org.moderation.bi.shared.dashboards.DashboardVersionView;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.MetricDefinition;

/**
 * A dashboard definition's numbers: the catalog says which metric (and version) fills each KPI, series line and
 * breakdown column; the metric engine computes all of them, and the KPIs of the window compared with, in one
 * snapshot. Kept as one answer under the data version of both windows, with the view built of it
 * ({@link ViewOfAnswers}).
 */
@ApplicationScoped
public class DashboardService {

    private static final Logger LOG = Logger.getLogger(DashboardService.class);
    private static final int ROWS = 100_000;

    private final ScopeResolver scopes;
    private final CatalogDefinitions definitions;
    private final ReadModel readModel;
    private final KeptAnswers kept;
    private final Communities communities;
    private final Clock clock;

    public DashboardService(ScopeResolver scopes, CatalogDefinitions definitions, ReadModel readModel,
            KeptAnswers kept, Communities communities, Clock clock) {
        this.clock = clock;
        this.scopes = scopes;
        this.definitions = definitions;
        this.readModel = readModel;
        this.kept = kept;
        this.communities = communities;
    }

    /**
     * What the page asks for besides the dashboard: the window, its zone and buckets, the comparison, the communities
     * and the dimension filters, checked when they were read.
     */
    public record Ask(TimeWindow window, ZoneId zone, Granularity granularity, Comparison comparison,
            List<String> communities, DimensionFilters filters) {

        public Ask {
            communities = List.copyOf(communities);
            Objects.requireNonNull(filters, "filters");
        }
    }

    /** A dashboard definition with the metric each of its tiles resolved to. */
    record Resolved(DashboardView.Reference reference, DashboardDefinition definition,
            Map<DashboardTile, ResolvedMetric> metrics) {
    }

    private record Key(DashboardView.Reference dashboard, Map<DashboardTile, ResolvedMetric> metrics, Ask ask,
            CommunityScope scope) {
    }

    /**
     * The answers of one snapshot: the window's (the KPIs in total, each breakdown by its dimension), the KPIs of the
     * window compared with, the series.
     */
    record Computed(Answer current, Compared previous, Answer series) {

        int size() {
            return current.size() + (previous == null ? 0 : previous.size()) + (series == null ? 0 : series.size());
        }
    }

    public DashboardView view(String key, Ask ask, boolean superadmin, String authorization) throws SQLException {
        CommunityScope scope = scopes.resolve(ask.communities());
        Resolved resolved = resolve(key, superadmin, authorization);
        return view(resolved, ask, scope, definitions.catalogUnreachableSince().orElse(null));
    }

    /**
     * A built-in dashboard's numbers, every tile its pinned built-in metric and the catalog not asked: the overview
     * endpoint's, computed and kept as every dashboard's are.
     */
    public DashboardView builtIn(DashboardDefinition definition, int version, Ask ask) throws SQLException {
        CommunityScope scope = scopes.resolve(ask.communities());
        var metrics = new LinkedHashMap<DashboardTile, ResolvedMetric>();
        for (DashboardTile tile : tiles(definition)) {
            metrics.computeIfAbsent(tile, t -> ResolvedMetric.builtIn(BuiltInMetrics.seeded(t.metric(), t.version())
                    .orElseThrow(() -> new IllegalArgumentException(t.metric() + " v" + t.version()
                            + " is no built-in metric"))));
        }
        var reference = new DashboardView.Reference(definition.key(), version, definition.name(),
                DefinitionHash.of(definition), "built-in");
        return view(new Resolved(reference, definition, metrics), ask, scope, null);
    }

    private DashboardView view(Resolved resolved, Ask ask, CommunityScope scope, Instant catalogUnreachableSince)
            throws SQLException {
        TimeWindow compared = ask.comparison().window(ask.window(), ask.zone());
        Instant from = compared == null || ask.window().from().isBefore(compared.from()) ? ask.window().from()
                : compared.from();
        Instant to = compared == null || ask.window().to().isAfter(compared.to()) ? ask.window().to() : compared.to();
        // Read before the snapshot: reading them may take a connection of its own.
        Map<String, String> names = communities.names();
        KeptAnswers.Kept<ViewOfAnswers> read = kept.answer(from, to,
                new Key(resolved.reference(), resolved.metrics(), ask, scope),
                snapshot -> new ViewOfAnswers(resolved, compute(snapshot, resolved, ask, compared, scope), ask,
                        compared, scope, names, clock.instant()), ViewOfAnswers::size);
        return read.answer().at(clock.instant(), names, read.freshness(), catalogUnreachableSince,
                DimensionParameters.unseen(ask.filters().asked(), readModel.seenValues()));
    }

    private Computed compute(Snapshot snapshot, Resolved resolved, Ask ask, TimeWindow compared, CommunityScope scope)
            throws SQLException {
        DashboardDefinition definition = resolved.definition();
        List<ResolvedMetric> kpis = metrics(resolved, definition.kpis());
        List<Filter> filters = ask.filters().filters();
        // The KPIs and every breakdown in one question: one statement per route of its grouping sets, not per table.
        var tiles = new ArrayList<>(definition.kpis());
        definition.breakdowns().forEach(breakdown -> tiles.addAll(breakdown.columns()));
        Answer current = readModel.answer(snapshot, Question.grouped(metrics(resolved, tiles), ask.window().from(),
                ask.window().to(), groupings(definition), filters, scope.engineScope(), ROWS));
        // The KPIs' totals are compared; the breakdowns are not, and are not read twice for it.
        Compared previous = compared == null ? null : readModel.compare(snapshot, Question.grouped(kpis,
                ask.window().from(), ask.window().to(), List.of(List.of()), filters, scope.engineScope(), ROWS),
                current, compared.from(), compared.to());
        Answer series = definition.series().isEmpty() ? null : readModel.answer(snapshot, new Question(
                metrics(resolved, definition.series()), ask.window().from(), ask.window().to(), ask.zone(),
                ask.granularity().grain(), true, List.of(List.of()), filters, scope.engineScope(), ROWS));
        return new Computed(current, previous, series);
    }

    /** The window's grouping sets: the total, then each breakdown's dimension once, in the order of first use. */
    static List<List<Column>> groupings(DashboardDefinition definition) {
        var groupings = new ArrayList<List<Column>>();
        groupings.add(List.of());
        definition.breakdowns().stream().map(breakdown -> List.of(dimension(breakdown))).distinct()
                .forEach(groupings::add);
        return groupings;
    }

    /** The latest published version of the dashboard, each tile's metric at its pinned or latest published version. */
    private Resolved resolve(String key, boolean superadmin, String authorization) {
        DashboardView.Reference reference;
        DashboardDefinition definition;
        try {
            DashboardVersionView version = definitions.dashboard(key, superadmin, authorization);
            reference = new DashboardView.Reference(version.key(), version.version(), version.definition().name(),
                    version.definitionHash(), "catalog");
            definition = version.definition();
        } catch (ApiException e) {
            DashboardDefinition builtIn = BuiltInDashboards.latest(key).orElse(null);
            if (builtIn == null || e.status() != 503 && e.status() != 404) {
                throw e;
            }
            int version = BuiltInDashboards.versionOf(builtIn);
            LOG.warnf("dashboard %s: the catalog did not give it (%s); showing the built-in version %d", key,
                    e.getMessage(), version);
            reference = new DashboardView.Reference(key, version, builtIn.name(), DefinitionHash.of(builtIn),
                    "built-in");
            definition = builtIn;
        }
        var metrics = new LinkedHashMap<DashboardTile, ResolvedMetric>();
        for (DashboardTile tile : tiles(definition)) {
            metrics.computeIfAbsent(tile, t -> metric(t, superadmin, authorization));
        }
        return new Resolved(reference, definition, metrics);
    }

    /** Every tile of a dashboard: its KPIs, series lines and breakdown columns. */
    private static List<DashboardTile> tiles(DashboardDefinition definition) {
        var tiles = new ArrayList<>(definition.kpis());
        tiles.addAll(definition.series());
        definition.breakdowns().forEach(b -> tiles.addAll(b.columns()));
        return tiles;
    }

    /** A tile's metric from the catalog; one pinned to a version every catalog seeds also while it is down. */
    private ResolvedMetric metric(DashboardTile tile, boolean superadmin, String authorization) {
        try {
            return definitions.resolved(tile.metric(), tile.version(), superadmin, authorization);
        } catch (ApiException e) {
            var builtIn = tile.version() == null ? java.util.Optional.<MetricDefinition>empty()
                    : BuiltInMetrics.seeded(tile.metric(), tile.version());
            if (e.status() != 503 || builtIn.isEmpty()) {
                throw e;
            }
            return ResolvedMetric.builtIn(builtIn.get());
        }
    }

    private static List<ResolvedMetric> metrics(Resolved resolved, List<DashboardTile> tiles) {
        return List.copyOf(new LinkedHashSet<>(tiles.stream().map(resolved.metrics()::get).toList()));
    }

    static Column dimension(DashboardBreakdown breakdown) {
        return Column.named(breakdown.dimension())
                .orElseThrow(() -> new IllegalStateException("not a dimension: " + breakdown.dimension()));
    }
}
