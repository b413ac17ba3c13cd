package org.moderation.bi.migrator.health;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.runtime.ShutdownEvent;

import org.moderation.bi.migrator.stream.StreamCommands;
import org.moderation.bi.shared.api.migration.StreamView;

/**
 * The stream as the alerts in deploy/ watch it, read once per scrape: its state (one series per state, 1 for the
 * current one), whether it is live, how far behind this process applies (NaN where another process streams), and the
 * slot on the legacy server: how far its acknowledged position is behind the server's WAL and how much WAL it keeps
 * (a slot whose consumer is away can fill the legacy server's disk).
 */
@ApplicationScoped
public class StreamGauges implements MeterBinder {

    private static final Logger LOG = Logger.getLogger(StreamGauges.class);
    private static final List<String> STATES = List.of("starting", "live", "catching_up", "waiting", "paused",
            "unavailable", "failed", "stopped");

    /** One scrape reads every gauge within this time: the stream is looked at once for all of them. */
    private static final Duration ONE_SCRAPE = Duration.ofSeconds(1);

    private record Seen(Instant at, StreamView view) {
    }

    private final StreamCommands stream;
    private final List<Meter> meters = new ArrayList<>();
    private volatile Seen seen = new Seen(Instant.EPOCH, null);
    private volatile MeterRegistry registry;

    StreamGauges(StreamCommands stream) {
        this.stream = stream;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (String state : STATES) {
            meters.add(Gauge.builder("migrator.stream.state", this, g -> g.read(v -> state.equals(v.status()) ? 1 : 0))
                    .tag("state", state).description("1 for the stream's current state").register(registry));
        }
        gauge(registry, "migrator.stream.live", "1 while the stream is live (0: the numbers are polled)",
                v -> v.live() ? 1 : 0);
        gauge(registry, "migrator.stream.lag.seconds", "age of the oldest legacy change received and not yet applied "
                + "(NaN: this process does not stream)", v -> v.secondsBehind() == null ? Double.NaN
                : v.secondsBehind());
        gauge(registry, "migrator.stream.slot.behind.bytes", "legacy WAL past the slot's acknowledged position",
                v -> slot(v, StreamView.SlotView::behindBytes));
        gauge(registry, "migrator.stream.slot.retained.bytes", "legacy WAL the slot keeps from being recycled",
                v -> slot(v, StreamView.SlotView::retainedBytes));
        gauge(registry, "migrator.stream.slot.safe.bytes", "WAL the slot may still keep before max_slot_wal_keep_size "
                + "invalidates it (NaN: no limit set)", v -> slot(v, s -> s.safeWalBytes() == null ? Double.NaN
                : s.safeWalBytes()));
    }

    private void gauge(MeterRegistry registry, String name, String description,
            ToDoubleFunction<StreamView> value) {
        meters.add(Gauge.builder(name, this, g -> g.read(value)).description(description).register(registry));
    }

    /**
     * The registry outlives the application (a restart in the same JVM, as the tests do): its gauges would go on
     * reading this instance.
     */
    void unbind(@Observes ShutdownEvent stop) {
        if (registry != null) {
            meters.forEach(registry::remove);
        }
    }

    private static double slot(StreamView view, ToDoubleFunction<StreamView.SlotView> value) {
        StreamView.SlotView slot = view.slotOnLegacy();
        return slot == null || !slot.exists() ? Double.NaN : value.applyAsDouble(slot);
    }

    private double read(ToDoubleFunction<StreamView> value) {
        Seen last = seen;
        if (last.view() == null || Instant.now().isAfter(last.at().plus(ONE_SCRAPE))) {
            try {
                last = new Seen(Instant.now(), stream.view());
                seen = last;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("the stream's gauges could not be read: %s", e.getMessage());
                return Double.NaN;
            }
        }
        return value.applyAsDouble(last.view());
    }
}
