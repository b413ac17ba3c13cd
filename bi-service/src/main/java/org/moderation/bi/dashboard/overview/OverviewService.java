package org.moderation.bi.dashboard.overview;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.freshness.ReadModelFreshness;
import org.moderation.bi.dashboard.query.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/** The executive overview for a window, within what the caller may see. */
@ApplicationScoped
public class OverviewService {

    private final ScopeResolver scopes;
    private final OverviewQuery overview;
    private final ReadModelFreshness freshness;

    public OverviewService(ScopeResolver scopes, OverviewQuery overview, ReadModelFreshness freshness) {
        this.scopes = scopes;
        this.overview = overview;
        this.freshness = freshness;
    }

    private record Key(TimeWindow window, CommunityScope scope) {
    }

    public OverviewView overview(TimeWindow window, List<String> communities) throws SQLException {
        CommunityScope scope = scopes.resolve(communities);
        OverviewQuery.Numbers numbers = freshness.answer(new Key(window, scope),
                () -> overview.run(window, scope));
        return new OverviewView(numbers.total().submissions(), numbers.total().removed(), numbers.total().rate(),
                numbers.takedownSources(), numbers.byPlatform(), numbers.byPlatformDetail(), numbers.byCommunity(),
                new OverviewView.Window(window.from(), window.to()), scope.view(), freshness.freshness());
    }
}
