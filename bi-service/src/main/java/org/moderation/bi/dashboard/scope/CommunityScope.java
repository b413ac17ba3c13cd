package org.moderation.bi.dashboard.scope;

import java.util.List;

import org.moderation.bi.shared.api.dashboard.ScopeView;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;

/**
 * The communities a query may read: all of them, or exactly these slugs (possibly none: a community manager
 * without communities sees nothing, never everything). Applied in SQL as bound parameters only.
 */
public record CommunityScope(String role, boolean all, List<String> communities) {

    public CommunityScope {
        communities = List.copyOf(communities);
    }

    public ScopeView view() {
        return new ScopeView(role, all, communities);
    }

    /** What the metric compiler applies, as bound parameters, to every statement. */
    public MetricSqlCompiler.Scope compilerScope() {
        return new MetricSqlCompiler.Scope(all, communities);
    }
}
