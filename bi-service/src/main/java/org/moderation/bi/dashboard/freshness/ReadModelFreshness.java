package org.moderation.bi.dashboard.freshness;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.query.ReadModelQueries;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/**
 * Knows the read model's version, and keeps the answers computed since: the migrator bumps the version in the same
 * transaction as every change to the read model, so an answer stays exact while the version stays. A poll every
 * {@code bi.freshness-poll} notices a new version and forgets every answer. Keys always include the caller's scope.
 */
@ApplicationScoped
public class ReadModelFreshness {

    private static final Logger LOG = Logger.getLogger(ReadModelFreshness.class);

    private record Version(long version, Instant changedAt) {
    }

    @FunctionalInterface
    public interface Answer<T> {
        T compute() throws SQLException;
    }

    private final ReadModelQueries queries;
    private final BiConfig config;
    private final AtomicReference<Version> last = new AtomicReference<>();
    private final Map<Object, Object> answers = new ConcurrentHashMap<>();

    public ReadModelFreshness(ReadModelQueries queries, BiConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @Scheduled(every = "{bi.freshness-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void poll() {
        try {
            Version now = queries.read(connection -> {
                try (var statement = connection.createStatement();
                     var rows = statement.executeQuery("SELECT version, changed_at FROM read_model_version")) {
                    return rows.next()
                            ? new Version(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant())
                            : null;
                }
            });
            if (!Objects.equals(last.getAndSet(now), now)) {
                answers.clear();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not read the read model's freshness: %s", e.getMessage());
        }
    }

    /** The cached answer for this key, or a new one (kept while the read model stays as it is). */
    @SuppressWarnings("unchecked")
    public <T> T answer(Object key, Answer<T> answer) throws SQLException {
        if (config.cachedAnswers() == 0) {
            return answer.compute();
        }
        Object cached = answers.get(key);
        if (cached != null) {
            return (T) cached;
        }
        T computed = answer.compute();
        if (answers.size() >= config.cachedAnswers()) {
            answers.clear();
        }
        answers.put(key, computed);
        return computed;
    }

    /** As of the last poll; the age is counted now. */
    public OverviewView.Freshness freshness() {
        Version version = last.get();
        if (version == null) {
            return new OverviewView.Freshness(null, null, null);
        }
        return new OverviewView.Freshness(version.version(), version.changedAt(),
                Duration.between(version.changedAt(), Instant.now()).toSeconds());
    }
}
