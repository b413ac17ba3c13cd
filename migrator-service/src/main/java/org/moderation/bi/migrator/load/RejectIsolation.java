package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.util.List;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.persistence.ChunkCounts;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * Commits a chunk; when the database rejects a value no transformer rule foresaw, halves the chunk until the
 * rejected post is alone and quarantines it with the database's reason, so one bad row never stops a run.
 */
final class RejectIsolation {

    private static final Logger LOG = Logger.getLogger(RejectIsolation.class);

    /** Commits one part of a chunk (never empty), in legacy id order. */
    @FunctionalInterface
    interface Attempt {
        ChunkCounts commit(List<TransformResult> part) throws SQLException;
    }

    private RejectIsolation() {
    }

    static ChunkCounts commit(Attempt attempt, List<TransformResult> chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return ChunkCounts.NONE;
        }
        try {
            return attempt.commit(chunk);
        } catch (SQLException e) {
            if (!RejectedValue.is(e)) {
                throw e;
            }
            if (chunk.size() == 1) {
                LOG.warnf("legacy post %d quarantined: the target database rejected it (%s)",
                        chunk.getFirst().legacyId(), e.getMessage());
                return attempt.commit(List.of(RejectedValue.quarantine(chunk.getFirst(), e)));
            }
            int half = chunk.size() / 2;
            return commit(attempt, chunk.subList(0, half)).plus(commit(attempt, chunk.subList(half, chunk.size())));
        }
    }
}
