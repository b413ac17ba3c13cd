package org.moderation.bi.migrator.health;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The state alerts watch, as gauges on {@code /q/metrics}, read from the database at each scrape (so every replica
 * agrees and a restart forgets nothing, and runs of one-shot Jobs, which no one scrapes, count too): time since the
 * last successful run and since the last change reached the read model, whether the latest run failed, whether the
 * deletion guard refused it, and whether the last audit passed.
 */
@ApplicationScoped
public class OperationalGauges implements MeterBinder {

    private static final Logger LOG = Logger.getLogger(OperationalGauges.class);

    private final OperationalState state;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private volatile MeterRegistry registry;

    OperationalGauges(OperationalState state) {
        this.state = state;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        // Never is infinitely long ago: an alert's threshold catches it, as absent() would not catch a NaN.
        gauge(registry, "migrator.last_success.age.seconds", "seconds since a run last succeeded (+Inf: never)",
                s -> s.sinceLastSuccess().map(d -> (double) d.toSeconds()).orElse(Double.POSITIVE_INFINITY));
        gauge(registry, "migrator.read_model.version.age.seconds", "seconds since the last change reached the read model",
                s -> s.readModelAge().toSeconds());
        gauge(registry, "migrator.latest_run.failed", "1 while the latest run failed or failed its validation",
                s -> s.latestRunFailed() ? 1 : 0);
        gauge(registry, "migrator.mass_delete.refused", "1 while the latest run was refused by the deletion guard",
                s -> s.latestRunRefused() ? 1 : 0);
        gauge(registry, "migrator.audit.last.passed", "1 if the last audit passed, 0 if it failed (NaN: none yet)",
                s -> s.lastAuditPassed().map(passed -> passed ? 1.0 : 0.0).orElse(Double.NaN));
    }

    private void gauge(MeterRegistry registry, String name, String description,
            ToDoubleFunction<OperationalState.State> value) {
        meters.add(Gauge.builder(name, state, s -> {
            try {
                return value.applyAsDouble(s.current());
            } catch (SQLException | RuntimeException e) {
                // A NaN alone would hide why; the alerts on these gauges need the reason in the log.
                LOG.warnf("gauge %s: the migrator's state could not be read: %s", name, e);
                return Double.NaN;
            }
        }).description(description).register(registry));
    }

    /**
     * The registry outlives the application (a restart in the same JVM, as the tests do): a gauge left in it would
     * read this instance's state, weakly held, and a later start's gauge of the same name would be ignored.
     */
    void unbind(@Observes ShutdownEvent stop) {
        if (registry != null) {
            meters.forEach(registry::remove);
        }
    }
}
