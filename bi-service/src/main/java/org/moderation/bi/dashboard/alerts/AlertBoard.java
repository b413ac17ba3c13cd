package org.moderation.bi.dashboard.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.alerts.persistence.AlertLedger;
import org.moderation.bi.shared.alerts.AlertState;

/**
 * Every rule as it stands on this replica, which is what the Prometheus series show and each round records: as this
 * replica last evaluated it, else as the evaluator before it recorded it (restored when this replica takes over, so
 * a restart never drops a firing alert). Written by the evaluator only; what the API lists is read from the record
 * (persistence/AlertLedger).
 */
@ApplicationScoped
public class AlertBoard {

    /** The rules this replica evaluated: what the next round starts from. */
    private final Map<String, Tracked> evaluated = new ConcurrentHashMap<>();
    private final Map<String, AlertLedger.Evaluated> standing = new ConcurrentHashMap<>();
    private final AlertSeries series;

    AlertBoard(AlertSeries series) {
        this.series = series;
    }

    Tracked get(String rule) {
        return evaluated.get(rule);
    }

    void put(Tracked tracked) {
        evaluated.put(tracked.state().rule(), tracked);
        stand(tracked.standing());
    }

    /** What the evaluator before recorded, for the rules this replica has not evaluated yet. */
    void restore(Collection<AlertLedger.Evaluated> recorded) {
        recorded.stream().filter(r -> !standing.containsKey(r.state().rule())).forEach(this::stand);
    }

    /**
     * Marks every rule standing here stale, for {@code reason} (in words): a round that could not evaluate them. A
     * firing rule keeps firing for {@code grace} from when it went stale (an outage resolves nothing at once), then
     * stops; {@code bi_alert_stale} says it meanwhile.
     *
     * @return the rules as they now stand, to record
     */
    List<AlertLedger.Evaluated> stale(Instant now, String reason, Duration grace) {
        return stale(standing.keySet(), now, reason, grace);
    }

    /** As {@link #stale(Instant, String, Duration)}, for the {@code rules} of these that stand here. */
    List<AlertLedger.Evaluated> stale(Collection<String> rules, Instant now, String reason, Duration grace) {
        var marked = new ArrayList<AlertLedger.Evaluated>();
        for (AlertLedger.Evaluated before : rules.stream().map(standing::get).filter(s -> s != null).toList()) {
            AlertState was = before.state();
            boolean already = AlertState.STALE.equals(was.state());
            Instant since = already ? was.since() : now;
            String message = already ? was.message()
                    : reason + "; last evaluated " + was.evaluatedAt() + " (" + was.state() + "): " + was.message();
            AlertState state = new AlertState(was.rule(), was.version(), was.severity(), was.scope(),
                    AlertState.STALE, was.value(), was.compared(), was.threshold(), since, now,
                    was.readModelVersion(), was.drillDown(), message);
            var stale = new AlertLedger.Evaluated(state, before.communities(), before.heldSince(),
                    before.firing() && now.isBefore(since.plus(grace)), before.summary());
            stand(stale);
            marked.add(stale);
        }
        return marked;
    }

    /** The rules that stand, of those the catalog publishes: what a round records. */
    List<AlertLedger.Evaluated> standing(Set<String> published) {
        return published.stream().map(standing::get).filter(s -> s != null).toList();
    }

    /** Forgets the rules the catalog no longer publishes, and their series. */
    void keepOnly(Set<String> published) {
        for (String rule : List.copyOf(standing.keySet())) {
            if (!published.contains(rule)) {
                evaluated.remove(rule);
                standing.remove(rule);
                series.remove(rule);
            }
        }
    }

    private void stand(AlertLedger.Evaluated rule) {
        standing.put(rule.state().rule(), rule);
        series.show(rule);
    }
}
