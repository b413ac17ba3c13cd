package org.moderation.bi.dashboard.readmodel;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.engine.snapshot.Snapshot;

/**
 * Answers kept under the version of the data they were computed from: the question (which includes the caller's
 * scope) and the read-model version of the last change to the UTC months its window touches, read in the snapshot
 * that asks. A change to this week's facts leaves last year's answer where it is; a change to last year's makes its
 * key one nobody asks for again, and the cache's size bound forgets it. Kept at most {@code expire-after-write}, since
 * "removed by now" and "today so far" move with the clock, not with the data.
 */
@ApplicationScoped
public class KeptAnswers {

    @FunctionalInterface
    public interface Computation<T> {
        T compute() throws SQLException;
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
    private final BiConfig config;

    KeptAnswers(@CacheName("answers") Cache answers, BiConfig config) {
        this.answers = answers;
        this.config = config;
    }

    /** The answer kept for this question at the snapshot's data version, or one computed now in that snapshot. */
    @SuppressWarnings("unchecked")
    public <T> T answer(Snapshot snapshot, Object question, Computation<T> computation) throws SQLException {
        if (config.cachedAnswers() == 0) {
            return computation.compute();
        }
        try {
            return (T) answers.get(new Versioned(question, snapshot.dataVersion()), key -> {
                try {
                    return computation.compute();
                } catch (SQLException e) {
                    throw new Failed(e);
                }
            }).await().indefinitely();
        } catch (Failed e) {
            throw (SQLException) e.getCause();
        }
    }
}
