package org.moderation.bi.dashboard.overview;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.freshness.ReadModelFreshness;
import org.moderation.bi.dashboard.metrics.BuiltInProvenance;
import org.moderation.bi.dashboard.query.TimeWindow;
import org.moderation.bi.dashboard.scope.Communities;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.shared.api.dashboard.NumberProvenance;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;

/** The executive overview for a window, within what the caller may see. */
@ApplicationScoped
public class OverviewService {

    private final ScopeResolver scopes;
    private final OverviewQuery overview;
    private final ReadModelFreshness freshness;
    private final Communities communities;

    public OverviewService(ScopeResolver scopes, OverviewQuery overview, ReadModelFreshness freshness,
            Communities communities) {
        this.scopes = scopes;
        this.overview = overview;
        this.freshness = freshness;
        this.communities = communities;
    }

    private record Key(TimeWindow window, CommunityScope scope) {
    }

    public OverviewView overview(TimeWindow window, ZoneId zone, List<String> communities) throws SQLException {
        CommunityScope scope = scopes.resolve(communities);
        // The zone only placed the window's ends: the answer is the same for every zone with the same ends.
        OverviewQuery.Numbers numbers = freshness.answer(new Key(window, scope),
                () -> overview.run(window, zone, scope));
        return new OverviewView(numbers.total().submissions(), numbers.total().removed(), numbers.total().rate(),
                numbers.takedownSources(), numbers.byPlatform(), numbers.byPlatformDetail(), byCommunity(numbers),
                new OverviewView.Window(window.from(), window.to()), scope.view(), freshness.freshness(),
                provenance(numbers.source()));
    }

    /** Each number of the overview, and the breakdowns' columns, are these built-in metrics. */
    private static Map<String, NumberProvenance> provenance(MetricSqlCompiler.Source source) {
        return Map.of("submissions", BuiltInProvenance.of(BuiltInMetrics.SUBMISSIONS, source),
                "removed", BuiltInProvenance.of(BuiltInMetrics.REMOVALS, source),
                "removalRate", BuiltInProvenance.of(BuiltInMetrics.REMOVAL_RATE, source),
                "takedownSources", BuiltInProvenance.of(BuiltInMetrics.REMOVALS_BY_SOURCE, source));
    }

    private List<OverviewView.CommunityCounts> byCommunity(OverviewQuery.Numbers numbers) throws SQLException {
        var rows = new ArrayList<OverviewView.CommunityCounts>();
        for (var row : numbers.byCommunity().entrySet()) {
            OverviewQuery.Counts counts = row.getValue();
            rows.add(new OverviewView.CommunityCounts(row.getKey(), communities.label(row.getKey()), counts.submissions(),
                    counts.removed(), counts.rate()));
        }
        return rows;
    }
}
