package org.moderation.bi.dashboard.readmodel;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import org.moderation.bi.engine.ReadModelFeed;
import org.moderation.bi.engine.ReadModelVersion;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/**
 * The read model's version and how it follows the legacy database (live, or polled), as of the last poll (every
 * {@code bi.freshness-poll}): what health, the age gauges and every answer's freshness report, and when reference data
 * (community names) is read again. A new version is announced as a {@link ReadModelChanged} event, with the
 * communities whose facts changed since the version before. Answers report the version of their own snapshot.
 */
@ApplicationScoped
public class ReadModelFreshness {

    private static final Logger LOG = Logger.getLogger(ReadModelFreshness.class);

    private record Polled(ReadModelVersion version, ReadModelFeed feed) {
    }

    private final ReadModel readModel;
    private final Event<ReadModelChanged> changes;
    private final AtomicReference<Polled> last = new AtomicReference<>(new Polled(null, ReadModelFeed.UNKNOWN));

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
        registry.gauge("bi.read_model.live", this, f -> f.last.get().feed().live() ? 1 : 0);
    }

    @Scheduled(every = "{bi.freshness-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void poll() {
        try {
            ReadModelVersion known = last.get().version();
            var changed = new ArrayList<String>();
            Polled now = readModel.read(null, null, snapshot -> {
                ReadModelVersion version = snapshot.version();
                if (known != null && version != null && version.version() != known.version()) {
                    changed.addAll(snapshot.communitiesChangedSince(known.version()));
                }
                return new Polled(version, snapshot.feed());
            });
            last.set(now);
            if (now.version() != null && (known == null || known.version() != now.version().version())) {
                // Whoever watches the numbers (alert rules, open pages) looks again, off the poll's thread.
                changes.fireAsync(new ReadModelChanged(now.version().version(), known == null ? null
                        : Collections.unmodifiableList(changed)));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not read the read model's freshness: %s", e.getMessage());
        }
    }

    /** As of the last poll; the age is counted now. */
    public OverviewView.Freshness freshness() {
        return of(last.get().version());
    }

    /** How the migrator keeps the read model current, as of the last poll. */
    public ReadModelFeed feed() {
        return last.get().feed();
    }

    /** The freshness an answer computed at {@code version} reports, its ages counted now. */
    public OverviewView.Freshness of(ReadModelVersion version) {
        ReadModelFeed feed = last.get().feed();
        if (version == null) {
            return new OverviewView.Freshness(null, null, null, null, null, feed.live(), feed.words());
        }
        Instant now = Instant.now();
        return new OverviewView.Freshness(version.version(), version.changedAt(),
                Duration.between(version.changedAt(), now).toSeconds(), version.verifiedAt(),
                version.verifiedAt() == null ? null : Duration.between(version.verifiedAt(), now).toSeconds(),
                feed.live(), feed.words());
    }
}
