package org.moderation.bi.dashboard.alerts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every rule as this replica last evaluated it: what the next round starts from and the Prometheus series show.
 * Written by the evaluator only; what the API lists is recorded apart (persistence/AlertLedger).
 */
@ApplicationScoped
public class AlertBoard {

    private final Map<String, Tracked> rules = new ConcurrentHashMap<>();
    private final AlertSeries series;

    AlertBoard(AlertSeries series) {
        this.series = series;
    }

    Tracked get(String rule) {
        return rules.get(rule);
    }

    void put(Tracked tracked) {
        rules.put(tracked.state().rule(), tracked);
        series.show(tracked);
    }

    /** Forgets the rules the catalog no longer publishes, and their series. */
    void keepOnly(Set<String> published) {
        for (String rule : List.copyOf(rules.keySet())) {
            if (!published.contains(rule)) {
                rules.remove(rule);
                series.remove(rule);
            }
        }
    }
}
