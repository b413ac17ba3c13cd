package org.moderation.bi.dashboard.readmodel;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.ToIntFunction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.Startup;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.config.CacheMeters;
import org.moderation.bi.engine.ReadModelVersion;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.engine.Snapshots;
import org.moderation.bi.engine.Versions;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/**
 * Answers kept under the version of the data they were computed from: the question (which includes the caller's
 * scope) and the read-model version of the last change to the UTC months its window touches. A change to this week's
 * facts leaves last year's answer where it is; a change to last year's makes its key one nobody asks for again, and
 * the bound forgets it. The bound is what the answers hold ({@code bi.kept-values}), not how many they are: one
 * answer may hold a hundred thousand values, another one. Kept at most {@code bi.kept-answers-for}, since "removed by
 * now" and "today so far" move with the clock, not with the data. Whether a kept answer holds is decided by the
 * versions of its window's months as last read or seen by a snapshot, kept for {@code bi.kept-answers-lag}: a change
 * reaches kept answers about that much later, and the versions an answer of those months reports never go back.
 */
@Startup
@ApplicationScoped
public class KeptAnswers {

    /** An answer, the read-model version of the snapshot it holds for, and that version as the answer reports it. */
    public record Kept<T>(T answer, ReadModelVersion version, OverviewView.Freshness freshness) {
    }

    /** The name of the kept answers' meters ({@code cache_gets_total{cache="answers"}} and the like). */
    static final String METERS = "answers";

    private static final int MONTHS_KEPT = 1000;

    /**
     * What an answer costs besides its values, counted as values: its question (a dashboard's holds the definitions
     * of its metrics) and the cache's bookkeeping. Also what keeps empty answers (an empty page, a group without
     * data) from being kept without bound: at most {@code bi.kept-values} / 10 answers, however small.
     */
    static final int ANSWER_OVERHEAD = 10;

    private record Versioned(Object question, long dataVersion) {
    }

    /** An answer as kept, with what it holds (values, rows, points): its weight against {@code bi.kept-values}. */
    private record Held(Object answer, int size) {
    }

    private final AsyncCache<Versioned, Held> answers;
    private final AsyncCache<Snapshots.Months, Versions> versions;
    private final BiConfig config;
    private final ReadModel readModel;
    private final ReadModelFreshness freshness;
    private final MeterRegistry registry;

    KeptAnswers(BiConfig config, ReadModel readModel, ReadModelFreshness freshness, MeterRegistry registry) {
        this.config = config;
        this.readModel = readModel;
        this.freshness = freshness;
        this.registry = registry;
        this.answers = Caffeine.newBuilder()
                .maximumWeight(config.keptValues())
                .weigher((Versioned question, Held held) -> ANSWER_OVERHEAD + held.size())
                // Weighed and evicted on the thread that kept the answer, not later on a shared pool: the bound holds
                // when the request returns.
                .executor(Runnable::run)
                .expireAfterWrite(config.keptAnswersFor())
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, answers, METERS);
        this.versions = Caffeine.newBuilder()
                .maximumSize(MONTHS_KEPT)
                .expireAfterWrite(config.keptAnswersLag())
                .buildAsync();
    }

    private <T> Kept<T> kept(T answer, ReadModelVersion version) {
        return new Kept<>(answer, version, freshness.of(version));
    }

    @PreDestroy
    void unbindMeters() {
        CacheMeters.unbind(registry, METERS);
    }

    /**
     * The answer to {@code question} over [from, to). The versions of its months come first, read in one statement
     * (or seen by a newer snapshot) within {@code bi.kept-answers-lag}: an answer kept under that data version is what
     * a snapshot of that statement would compute (its months had not changed then), so it is given with the version
     * that statement read, without a transaction. Otherwise the answer is computed in a new snapshot and kept under
     * that snapshot's data version, weighing {@code size} of it, and the snapshot's versions are what the next requests
     * take.
     */
    public <T> Kept<T> answer(Instant from, Instant to, Object question, Snapshots.Work<T> computation,
            ToIntFunction<T> size) throws SQLException {
        if (config.keptValues() == 0) {
            return readModel.read(from, to, snapshot -> kept(computation.run(snapshot), snapshot.version()));
        }
        Snapshots.Months months = Snapshots.Months.of(from, to);
        Versions now = recentVersions(months, from, to);
        T kept = keptAt(new Versioned(question, now.dataVersion()));
        if (kept != null) {
            return kept(kept, now.version());
        }
        return readModel.read(from, to, snapshot -> {
            T answer = keep(new Versioned(question, snapshot.dataVersion()), snapshot, computation, size);
            newer(months, snapshot.versions());
            return kept(answer, snapshot.version());
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
        // Written only where newer: a write restarts the entry's lag, and versions as new as these must not outlive it.
        var map = versions.asMap();
        CompletableFuture<Versions> newer = CompletableFuture.completedFuture(seen);
        while (true) {
            CompletableFuture<Versions> known = map.get(months);
            ReadModelVersion taken = ready(known) ? known.join().version() : null;
            if (taken != null && taken.version() >= seen.version().version()) {
                return;
            }
            if (known == null ? map.putIfAbsent(months, newer) == null : map.replace(months, known, newer)) {
                return;
            }
        }
    }

    /**
     * The answer kept under {@code key} if one is ready (one being computed is waited for in its snapshot). Only a
     * ready one is looked up, so each request counts once: a hit here, or a miss (or a hit while it waits for another
     * request's computation) when it is computed and kept.
     */
    @SuppressWarnings("unchecked")
    private <T> T keptAt(Versioned key) {
        if (!ready(answers.asMap().get(key))) {
            return null;
        }
        CompletableFuture<Held> kept = answers.getIfPresent(key); // the lookup the meters count
        return ready(kept) ? (T) kept.join().answer() : null;
    }

    private static boolean ready(CompletableFuture<?> future) {
        return future != null && future.isDone() && !future.isCompletedExceptionally();
    }

    @SuppressWarnings("unchecked")
    private <T> T keep(Versioned key, Snapshot snapshot, Snapshots.Work<T> computation, ToIntFunction<T> size)
            throws SQLException {
        return (T) loaded(answers, key, () -> {
            T answer = computation.run(snapshot);
            return new Held(answer, size.applyAsInt(answer));
        }).answer();
    }

    /** Forgets the versions read or seen so far: the next request of any window reads them again. */
    void forgetVersions() {
        versions.synchronous().invalidateAll();
    }

    @FunctionalInterface
    private interface Load<V> {
        V run() throws SQLException;
    }

    /**
     * What {@code cache} holds under {@code key}, loaded by {@code load} on this thread when it holds nothing; requests
     * that ask meanwhile wait for that load, and are given what it throws.
     */
    private static <K, V> V loaded(AsyncCache<K, V> cache, K key, Load<V> load) throws SQLException {
        var mine = new CompletableFuture<V>();
        CompletableFuture<V> held = cache.get(key, (k, executor) -> mine);
        if (held == mine) {
            try {
                V value = load.run();
                mine.complete(value);
                return value;
            } catch (Throwable e) {
                // A failed load is not kept: the cache drops it, and the next request loads again.
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return held.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
