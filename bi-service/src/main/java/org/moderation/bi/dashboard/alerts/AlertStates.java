package org.moderation.bi.dashboard.alerts;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.shared.alerts.AlertState;

/**
 * The rules' states a caller may see: a superadmin every rule; a community manager only the rules whose communities
 * are all in their token's claim as it is now (a rule over every community, or one community they lost, is not
 * theirs).
 */
@RequestScoped
public class AlertStates {

    private final AlertBoard board;
    private final ScopeResolver scopes;

    AlertStates(AlertBoard board, ScopeResolver scopes) {
        this.board = board;
        this.scopes = scopes;
    }

    public List<AlertState> visible(String state, String severity) throws SQLException {
        CommunityScope scope = scopes.resolve(List.of());
        var allowed = new HashSet<>(scope.communities());
        return board.states(communities -> scope.all() || !communities.isEmpty() && allowed.containsAll(communities))
                .stream().filter(s -> state == null || s.state().equals(state))
                .filter(s -> severity == null || s.severity().equals(severity)).toList();
    }
}
