package org.moderation.bi.dashboard.scope;

import java.util.List;

import org.moderation.bi.shared.api.dashboard.ScopeView;
import org.moderation.bi.engine.Scope;

/**
 * The communities a query may read: all of them, or exactly these slugs (possibly none: a community manager
 * without communities sees nothing, never everything). In SQL, the slugs are only ever bound parameters.
 */
public record CommunityScope(String role, boolean all, List<String> communities) {

    public CommunityScope {
        communities = List.copyOf(communities);
    }

    public ScopeView view() {
        return new ScopeView(role, all, communities);
    }

    /** What the metric engine applies to every statement. */
    public Scope engineScope() {
        return new Scope(all, communities);
    }
}
