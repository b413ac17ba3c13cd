package org.moderation.bi.dashboard.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.moderation.bi.dashboard.alerts.persistence.AlertLedger;
import org.moderation.bi.shared.alerts.AlertState;

/**
 * Each rule's standing as Prometheus series on {@code /q/metrics}, for the {@code PrometheusRule} in deploy/ to turn
 * into alerts: {@code bi_alert_firing} (0/1), {@code bi_alert_state} (1, its {@code state} label the current one),
 * {@code bi_alert_stale} (1 while the rule is not evaluated on current inputs), {@code bi_alert_value} and
 * {@code bi_alert_info} (its summary): five series a rule, whatever happens to it. Labels are bounded: rule, version,
 * scope (sorted slugs or {@code all}), severity; never a user or a value. A rule's series go with it, and with its
 * version when a new one is published.
 */
@ApplicationScoped
public class AlertSeries {

    private record Shown(Tags tags, String state, String summary, AtomicReference<AlertLedger.Evaluated> current,
            List<Meter> meters) {
    }

    private final MeterRegistry registry;
    private final Map<String, Shown> shown = new ConcurrentHashMap<>();

    AlertSeries(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void show(AlertLedger.Evaluated standing) {
        AlertState state = standing.state();
        Tags tags = Tags.of("rule", state.rule(), "version", Integer.toString(state.version()), "scope",
                state.scope(), "severity", state.severity());
        String summary = standing.summary() == null ? state.rule() : standing.summary();
        Shown before = shown.get(state.rule());
        if (before != null && before.tags().equals(tags) && before.state().equals(state.state())
                && before.summary().equals(summary)) {
            before.current().set(standing);
            return;
        }
        remove(state.rule());
        var current = new AtomicReference<>(standing);
        var meters = new ArrayList<Meter>();
        meters.add(Gauge.builder("bi.alert.firing", current, c -> c.get().firing() ? 1 : 0).tags(tags)
                .description("1 while the alert rule fires (and while a firing rule is stale, within its grace)")
                .register(registry));
        meters.add(Gauge.builder("bi.alert.value", current, c -> {
            Double value = c.get().state().value();
            return value == null ? Double.NaN : value;
        }).tags(tags).description("The rule's metric over its window, in the metric's unit").register(registry));
        meters.add(Gauge.builder("bi.alert.state", current, c -> 1).tags(tags.and("state", state.state()))
                .description("1, labelled with the rule's current state").register(registry));
        meters.add(Gauge.builder("bi.alert.stale", current,
                c -> AlertState.STALE.equals(c.get().state().state()) ? 1 : 0).tags(tags)
                .description("1 while the rule is not evaluated on current inputs (its message says why)")
                .register(registry));
        meters.add(Gauge.builder("bi.alert.info", current, c -> 1).tags(tags.and("summary", summary))
                .description("The rule's summary, for the alert's annotation").register(registry));
        shown.put(state.rule(), new Shown(tags, state.state(), summary, current, List.copyOf(meters)));
    }

    synchronized void remove(String rule) {
        Shown gone = shown.remove(rule);
        if (gone != null) {
            gone.meters().forEach(registry::remove);
        }
    }
}
