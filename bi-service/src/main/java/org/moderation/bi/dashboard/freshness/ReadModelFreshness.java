package org.moderation.bi.dashboard.freshness;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
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
 * {@code bi.freshness-poll} notices a new version and starts a new set of answers. An answer goes into the set that
 * was current when its computation began, so one computed from an older state never outlives the poll that saw the
 * state change. Keys always include the caller's scope.
 */
@ApplicationScoped
public class ReadModelFreshness {

    private static final Logger LOG = Logger.getLogger(ReadModelFreshness.class);

    private record Version(long version, Instant changedAt, Instant verifiedAt) {
    }

    @FunctionalInterface
    public interface Answer<T> {
        T compute() throws SQLException;
    }

    private final ReadModelQueries queries;
    private final BiConfig config;
    private final AtomicReference<Version> last = new AtomicReference<>();
    private final AtomicReference<Map<Object, Object>> answers = new AtomicReference<>(new ConcurrentHashMap<>());

    public ReadModelFreshness(ReadModelQueries queries, BiConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @Scheduled(every = "{bi.freshness-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void poll() {
        try {
            Version now = queries.read(ReadModelFreshness::version);
            Version before = last.getAndSet(now);
            // A run that verified without changing anything leaves every answer exact.
            if (before == null || now == null || before.version() != now.version()) {
                answers.set(new ConcurrentHashMap<>());
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
        Map<Object, Object> current = answers.get();
        Object cached = current.get(key);
        if (cached != null) {
            return (T) cached;
        }
        T computed = answer.compute();
        if (current.size() >= config.cachedAnswers()) {
            current.clear();
        }
        current.put(key, computed);
        return computed;
    }

    /** As of the last poll; the age is counted now. */
    public OverviewView.Freshness freshness() {
        return view(last.get());
    }

    /** The version as the caller's transaction sees it: what an export read in the same snapshot reports. */
    public OverviewView.Freshness freshness(Connection connection) throws SQLException {
        return view(version(connection));
    }

    private static Version version(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT version, changed_at, verified_at FROM read_model_version")) {
            if (!rows.next()) {
                return null;
            }
            OffsetDateTime verifiedAt = rows.getObject(3, OffsetDateTime.class);
            return new Version(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                    verifiedAt == null ? null : verifiedAt.toInstant());
        }
    }

    private static OverviewView.Freshness view(Version version) {
        if (version == null) {
            return new OverviewView.Freshness(null, null, null, null, null);
        }
        Instant now = Instant.now();
        return new OverviewView.Freshness(version.version(), version.changedAt(),
                Duration.between(version.changedAt(), now).toSeconds(), version.verifiedAt(),
                version.verifiedAt() == null ? null : Duration.between(version.verifiedAt(), now).toSeconds());
    }
}
