package org.moderation.bi.dashboard.alerts;

import java.time.Instant;
import java.util.List;

import org.moderation.bi.dashboard.alerts.persistence.AlertLedger;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.alerts.AlertState;

/**
 * A rule as last evaluated: the version, the metric and windows it was read with (what decides whether it must be
 * read again), what was read, since when its condition has held, the state shown, and whether it counts as firing
 * (firing, or stale after firing: old data never resolves an alert).
 */
public record Tracked(AlertRuleVersionView rule, ResolvedMetric metric, AlertWindows windows, Reading reading,
        Instant heldSince, AlertState state, boolean firing) {

    /** The communities the rule watches (empty: all). */
    public List<String> communities() {
        return rule.definition().communities();
    }

    /** As it stands, recorded and shown. */
    AlertLedger.Evaluated standing() {
        return new AlertLedger.Evaluated(state, communities(), heldSince, firing, summary());
    }

    /** The words of the rule's alert: its summary, else its name, at most 200 characters. */
    private String summary() {
        String summary = rule.definition().summary();
        if (summary == null || summary.isBlank()) {
            summary = rule.definition().name();
        }
        return summary == null ? state.rule() : summary.length() > 200 ? summary.substring(0, 200) : summary;
    }

    /** Bounded, as the Prometheus labels need: the sorted slugs joined by ',', or {@code all}. */
    static String scope(List<String> communities) {
        return communities.isEmpty() ? "all" : String.join(",", communities.stream().sorted().distinct().toList());
    }
}
