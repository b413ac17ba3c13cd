package org.moderation.bi.dashboard.readmodel;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import org.moderation.bi.engine.snapshot.ReadModelVersion;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/**
 * The read model's version as of the last poll (every {@code bi.freshness-poll}): what health and the age gauges
 * report (also as gauges), and when reference data (community names) is read again; a new version is announced as
 * a {@link ReadModelChanged} event. Answers report the version of
 * their own snapshot.
 */
@ApplicationScoped
public class ReadModelFreshness {

    private static final Logger LOG = Logger.getLogger(ReadModelFreshness.class);

    private final ReadModel readModel;
    private final Event<ReadModelChanged> changes;
    private final AtomicReference<ReadModelVersion> last = new AtomicReference<>();

    public ReadModelFreshness(ReadModel readModel, Event<ReadModelChanged> changes) {
        this.readModel = readModel;
        this.changes = changes;
    }

    /** The read model's age as gauges, for the alerts in deploy/. */
    void gauges(@Observes StartupEvent start, MeterRegistry registry) {
        registry.gauge("bi.read_model.age.seconds", this, f -> {
            Long age = f.freshness().ageSeconds();
            return age == null ? Double.NaN : age;
        });
        // Never verified is infinitely long ago, so the alert's threshold catches it.
        registry.gauge("bi.read_model.verified.age.seconds", this, f -> {
            Long age = f.freshness().verifiedAgeSeconds();
            return age == null ? Double.POSITIVE_INFINITY : age;
        });
    }

    @Scheduled(every = "{bi.freshness-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void poll() {
        try {
            ReadModelVersion now = readModel.read(null, null, snapshot -> snapshot.version());
            ReadModelVersion before = last.getAndSet(now);
            if (now != null && (before == null || before.version() != now.version())) {
                // Whoever watches the numbers (alert rules) looks again, off the poll's thread.
                changes.fireAsync(new ReadModelChanged(now.version()));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not read the read model's freshness: %s", e.getMessage());
        }
    }

    /** As of the last poll; the age is counted now. */
    public OverviewView.Freshness freshness() {
        return ReadModel.freshness(last.get());
    }
}
