package org.moderation.bi.dashboard.alerts;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.shared.alerts.AlertState;

/**
 * Every rule's state as this instance last evaluated it: what {@code /api/v1/alerts} lists and the Prometheus series
 * show. Written by the evaluator only.
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

    /** The states of the rules whose communities pass {@code visible}, by rule key. */
    public List<AlertState> states(Predicate<List<String>> visible) {
        Collection<Tracked> all = rules.values();
        return all.stream().filter(t -> visible.test(t.communities())).map(Tracked::state)
                .sorted(Comparator.comparing(AlertState::rule)).toList();
    }
}
