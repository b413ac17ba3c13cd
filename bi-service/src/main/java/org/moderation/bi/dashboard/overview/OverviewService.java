package org.moderation.bi.dashboard.overview;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.dashboards.DashboardService;
import org.moderation.bi.dashboard.filters.DimensionFilters;
import org.moderation.bi.dashboard.readmodel.Comparison;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.timeseries.Granularity;
import org.moderation.bi.shared.api.dashboard.DashboardView;
import org.moderation.bi.shared.api.dashboard.NumberProvenance;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.dashboards.BuiltInDashboards;
import org.moderation.bi.shared.dashboards.DashboardDefinition;

/**
 * The executive overview for a window, within what the caller may see: the built-in overview dashboard (its latest
 * version, as every catalog seeds it: the removal rate within 14 days of submission), computed and kept as every
 * dashboard is, in total and by platform, platform detail and community. Its series is the time-series endpoint's,
 * so it is not computed here.
 */
@ApplicationScoped
public class OverviewService {

    private static final DashboardDefinition OVERVIEW = BuiltInDashboards.OVERVIEW;
    private static final DashboardDefinition NUMBERS = new DashboardDefinition(OVERVIEW.key(), OVERVIEW.name(),
            OVERVIEW.description(), OVERVIEW.kpis(), List.of(), OVERVIEW.breakdowns());
    private static final int VERSION = BuiltInDashboards.versionOf(OVERVIEW);

    private final DashboardService dashboards;

    public OverviewService(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    /**
     * The overview of {@code window}: the same for every zone that places its ends there (asked in UTC, so kept once
     * for all of them).
     */
    public OverviewView overview(TimeWindow window, List<String> requested) throws SQLException {
        DashboardView view = dashboards.builtIn(NUMBERS, VERSION, new DashboardService.Ask(window, ZoneOffset.UTC,
                Granularity.DAY, Comparison.NONE, requested, DimensionFilters.none()));
        DashboardView.Tile submissions = kpi(view, "submissions");
        DashboardView.Tile removals = kpi(view, "removals");
        DashboardView.Tile rate = kpi(view, "removal_rate");
        DashboardView.Tile sources = kpi(view, "takedown_sources");
        var bySource = new TreeMap<String, Long>();
        sources.breakdown().forEach((source, value) -> bySource.put(source, count(value)));
        return new OverviewView(count(submissions.value()), count(removals.value()), rate.value(), bySource,
                rows(view, "by_platform", row -> new OverviewView.PlatformCounts(row.key(), count(row, 0),
                        count(row, 1), row.values().get(2))),
                rows(view, "by_platform_detail", row -> new OverviewView.PlatformDetailCounts(row.key(),
                        count(row, 0), count(row, 1), row.values().get(2))),
                rows(view, "by_community", row -> new OverviewView.CommunityCounts(row.key(), row.label(),
                        count(row, 0), count(row, 1), row.values().get(2))),
                view.window(), view.scope(), view.freshness(),
                Map.of("submissions", provenance(submissions), "removed", provenance(removals),
                        "removalRate", provenance(rate), "takedownSources", provenance(sources)),
                rate.maturity());
    }

    private static DashboardView.Tile kpi(DashboardView view, String id) {
        return view.kpis().stream().filter(tile -> tile.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the overview dashboard has no KPI " + id));
    }

    /** A breakdown's rows (its columns: submissions, removals, removal rate), sorted by value, none first. */
    private static <T> List<T> rows(DashboardView view, String id, Function<DashboardView.Row, T> row) {
        return view.breakdowns().stream().filter(table -> table.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the overview dashboard has no breakdown " + id))
                .rows().stream().map(row).toList();
    }

    private static NumberProvenance provenance(DashboardView.Tile tile) {
        DashboardView.Metric metric = tile.metric();
        return new NumberProvenance(metric.key(), metric.version(), metric.status(), metric.definitionHash(),
                metric.rule(), metric.readFrom());
    }

    private static long count(DashboardView.Row row, int column) {
        return count(row.values().get(column));
    }

    private static long count(Double value) {
        return value == null ? 0 : Math.round(value);
    }
}
