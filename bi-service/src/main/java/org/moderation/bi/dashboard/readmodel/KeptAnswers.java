package org.moderation.bi.dashboard.readmodel;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.engine.snapshot.ReadModelVersion;
import org.moderation.bi.engine.snapshot.Snapshot;
import org.moderation.bi.engine.snapshot.Snapshots;
import org.moderation.bi.engine.snapshot.Versions;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/**
 * Answers kept under the version of the data they were computed from: the question (which includes the caller's
 * scope) and the read-model version of the last change to the UTC months its window touches. A change to this week's
 * facts leaves last year's answer where it is; a change to last year's makes its key one nobody asks for again, and
 * the cache's size bound forgets it. Kept at most {@code expire-after-write}, since "removed by now" and "today so far"
 * move with the clock, not with the data. Whether a kept answer holds is decided by the versions of its window's months
 * as last read or seen by a snapshot, kept for {@code bi.kept-answers-lag}: a change reaches kept answers about that
 * much later, and the versions an answer of those months reports never go back.
 */
@ApplicationScoped
public class KeptAnswers {

    /** An answer and the read-model version of the snapshot it holds for. */
    public record Kept<T>(T answer, ReadModelVersion version) {

        /** The version as an answer reports it. */
        public OverviewView.Freshness freshness() {
            return ReadModel.freshness(version);
        }
    }

    private record Versioned(Object question, long dataVersion) {
    }

    /** Carries a computation's SQLException through the cache's loader. */
    private static final class Failed extends RuntimeException {
        Failed(SQLException cause) {
            super(cause);
        }
    }

    private final Cache answers;
    private final Cache versions;
    private final BiConfig config;
    private final ReadModel readModel;

    KeptAnswers(@CacheName("answers") Cache answers, @CacheName("read-model-versions") Cache versions,
            BiConfig config, ReadModel readModel) {
        this.answers = answers;
        this.versions = versions;
        this.config = config;
        this.readModel = readModel;
    }

    /**
     * The answer to {@code question} over [from, to). The versions of its months come first, read in one statement
     * (or seen by a newer snapshot) within {@code bi.kept-answers-lag}: an answer kept under that data version is what
     * a snapshot of that statement would compute (its months had not changed then), so it is given with the version
     * that statement read, without a transaction. Otherwise the answer is computed in a new snapshot and kept under
     * that snapshot's data version, and the snapshot's versions are what the next requests take.
     */
    public <T> Kept<T> answer(Instant from, Instant to, Object question, Snapshots.Work<T> computation)
            throws SQLException {
        if (config.cachedAnswers() == 0) {
            return readModel.read(from, to, snapshot -> new Kept<>(computation.run(snapshot), snapshot.version()));
        }
        Snapshots.Months months = Snapshots.Months.of(from, to);
        Versions now = recentVersions(months, from, to);
        T kept = keptAt(new Versioned(question, now.dataVersion()));
        if (kept != null) {
            return new Kept<>(kept, now.version());
        }
        return readModel.read(from, to, snapshot -> {
            T answer = keep(new Versioned(question, snapshot.dataVersion()), snapshot, computation);
            newer(months, snapshot.versions());
            return new Kept<>(answer, snapshot.version());
        });
    }

    /** The versions of these months as read within {@code bi.kept-answers-lag}; concurrent requests share a read. */
    private Versions recentVersions(Snapshots.Months months, Instant from, Instant to) throws SQLException {
        if (config.keptAnswersLag().isZero()) {
            return readModel.versions(from, to);
        }
        return loaded(versions, months, () -> readModel.versions(from, to));
    }

    /**
     * A snapshot's versions of these months, for the requests that follow, where they are newer than those they would
     * take: an answer given after one computed in that snapshot never reports an older version, and does not open a
     * snapshot of its own only because the versions it took were read before a change.
     */
    private void newer(Snapshots.Months months, Versions seen) {
        if (config.keptAnswersLag().isZero() || seen.version() == null) {
            return;
        }
        CaffeineCache cache = versions.as(CaffeineCache.class);
        CompletableFuture<Versions> known = cache.getIfPresent(months);
        ReadModelVersion taken = known != null && known.isDone() && !known.isCompletedExceptionally()
                ? known.join().version() : null;
        if (taken == null || taken.version() < seen.version().version()) {
            cache.put(months, CompletableFuture.completedFuture(seen));
        }
    }

    /**
     * The answer kept under {@code key} if one is ready (one being computed is waited for in its snapshot). A key
     * that is not there is not looked up: the cache counts that miss once, when the answer is computed and kept.
     */
    @SuppressWarnings("unchecked")
    private <T> T keptAt(Versioned key) {
        CaffeineCache cache = answers.as(CaffeineCache.class);
        if (!cache.keySet().contains(key)) {
            return null;
        }
        CompletableFuture<Object> kept = cache.getIfPresent(key);
        return kept != null && kept.isDone() && !kept.isCompletedExceptionally() ? (T) kept.join() : null;
    }

    private <T> T keep(Versioned key, Snapshot snapshot, Snapshots.Work<T> computation) throws SQLException {
        return loaded(answers, key, () -> computation.run(snapshot));
    }

    @FunctionalInterface
    private interface Load<T> {
        T run() throws SQLException;
    }

    /** What {@code cache} holds under {@code key}, loaded once by {@code load} when it holds nothing. */
    @SuppressWarnings("unchecked")
    private static <T> T loaded(Cache cache, Object key, Load<T> load) throws SQLException {
        try {
            return (T) cache.get(key, k -> {
                try {
                    return load.run();
                } catch (SQLException e) {
                    throw new Failed(e);
                }
            }).await().indefinitely();
        } catch (Failed e) {
            throw (SQLException) e.getCause();
        }
    }
}
