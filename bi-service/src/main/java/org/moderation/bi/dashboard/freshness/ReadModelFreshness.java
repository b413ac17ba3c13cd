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
 * Knows when the read model was last refreshed, and keeps the answers computed since: the read model changes only
 * when it is refreshed, so an answer stays exact until the next refresh. A poll every {@code bi.freshness-poll}
 * notices a refresh and forgets every answer. Keys always include the caller's scope.
 */
@ApplicationScoped
public class ReadModelFreshness {

    private static final Logger LOG = Logger.getLogger(ReadModelFreshness.class);

    private record Refresh(Instant finishedAt, long durationMs) {
    }

    @FunctionalInterface
    public interface Answer<T> {
        T compute() throws SQLException;
    }

    private final ReadModelQueries queries;
    private final BiConfig config;
    private final AtomicReference<Refresh> last = new AtomicReference<>();
    private final Map<Object, Object> answers = new ConcurrentHashMap<>();

    public ReadModelFreshness(ReadModelQueries queries, BiConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @Scheduled(every = "{bi.freshness-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void poll() {
        try {
            Refresh now = queries.read(connection -> {
                try (var statement = connection.createStatement();
                     var rows = statement.executeQuery("""
                             SELECT finished_at, duration_ms FROM read_model_refreshes
                             ORDER BY finished_at DESC LIMIT 1""")) {
                    return rows.next()
                            ? new Refresh(rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getLong(2))
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
        Refresh refresh = last.get();
        if (refresh == null) {
            return new OverviewView.Freshness(null, null, null);
        }
        return new OverviewView.Freshness(refresh.finishedAt(), refresh.durationMs(),
                Duration.between(refresh.finishedAt(), Instant.now()).toSeconds());
    }
}
