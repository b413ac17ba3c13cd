package org.moderation.bi.dashboard.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

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

    /** The slugs of the communities whose facts changed after a version (null: submissions without community). */
    private static final String CHANGED_COMMUNITIES = """
            SELECT DISTINCT c.slug FROM read_model_partitions p LEFT JOIN communities c ON c.id = p.community_id
            WHERE p.version > ?""";

    /** How the migrator keeps the read model current, as it says in {@code stream_freshness}. */
    public record Feed(boolean live, String words) {

        static final Feed UNKNOWN = new Feed(false, null);
    }

    private record Polled(ReadModelVersion version, Feed feed) {
    }

    private final ReadModel readModel;
    private final Event<ReadModelChanged> changes;
    private final AtomicReference<Polled> last = new AtomicReference<>(new Polled(null, Feed.UNKNOWN));

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
                    changed.addAll(changedCommunities(snapshot.connection(), known.version()));
                }
                return new Polled(version, feed(snapshot.connection()));
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
    public Feed feed() {
        return last.get().feed();
    }

    /** The freshness an answer computed at {@code version} reports, its ages counted now. */
    public OverviewView.Freshness of(ReadModelVersion version) {
        Feed feed = last.get().feed();
        if (version == null) {
            return new OverviewView.Freshness(null, null, null, null, null, feed.live(), feed.words());
        }
        Instant now = Instant.now();
        return new OverviewView.Freshness(version.version(), version.changedAt(),
                Duration.between(version.changedAt(), now).toSeconds(), version.verifiedAt(),
                version.verifiedAt() == null ? null : Duration.between(version.verifiedAt(), now).toSeconds(),
                feed.live(), feed.words());
    }

    private static List<String> changedCommunities(Connection connection, long since) throws SQLException {
        try (var statement = connection.prepareStatement(CHANGED_COMMUNITIES)) {
            statement.setLong(1, since);
            try (var rows = statement.executeQuery()) {
                var slugs = new ArrayList<String>();
                while (rows.next()) {
                    slugs.add(rows.getString(1));
                }
                return slugs;
            }
        }
    }

    /** The migrator's word on how it keeps the read model current; unknown before the migrator ever said it. */
    private static Feed feed(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT live, freshness FROM stream_freshness")) {
            return rows.next() ? new Feed(rows.getBoolean(1), rows.getString(2)) : Feed.UNKNOWN;
        }
    }
}
