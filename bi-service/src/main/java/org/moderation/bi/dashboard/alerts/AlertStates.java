package org.moderation.bi.dashboard.alerts;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

import org.moderation.bi.dashboard.alerts.persistence.AlertLedger;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.alerts.AlertTransition;
import org.moderation.bi.shared.api.ApiException;

/**
 * The rules' states and histories a caller may see, as recorded by the evaluator: a superadmin every rule; a community
 * manager only the rules whose communities are all in their token's claim as it is now (a rule over every community,
 * or one community they lost, is not theirs).
 */
@RequestScoped
public class AlertStates {

    private final AlertLedger ledger;
    private final ScopeResolver scopes;

    AlertStates(AlertLedger ledger, ScopeResolver scopes) {
        this.ledger = ledger;
        this.scopes = scopes;
    }

    public List<AlertState> visible(String state, String severity, String after, int limit) throws SQLException {
        return ledger.states(scopes.resolve(List.of()), state, severity, after, limit);
    }

    /** Newest first; a rule the caller may not see is one that does not exist. */
    public List<AlertTransition> history(String rule, int limit) throws SQLException {
        List<AlertTransition> history = ledger.history(rule, scopes.resolve(List.of()), limit);
        if (history.isEmpty()) {
            throw new ApiException(404, "not_found", "no alert rule '" + rule + "' with a history you may see");
        }
        return history;
    }
}
