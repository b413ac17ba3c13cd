package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.util.List;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.transform.TransformResult;

/**
 * Commits a chunk; when the database rejects a value no transformer rule foresaw, halves the chunk until the
 * rejected post is alone and quarantines it with the database's reason, so one bad row never stops a run.
 */
final class RejectIsolation {

    private static final Logger LOG = Logger.getLogger(RejectIsolation.class);

    /** Commits one part of a chunk: the posts with ids in ({@code after}, {@code upTo}] ({@code upTo} null: open). */
    @FunctionalInterface
    interface Attempt {
        ChunkCommitter.ChunkCounts commit(List<TransformResult> part, long after, Long upTo) throws SQLException;
    }

    private RejectIsolation() {
    }

    static ChunkCommitter.ChunkCounts commit(Attempt attempt, List<TransformResult> chunk, long after, Long upTo)
            throws SQLException {
        try {
            return attempt.commit(chunk, after, upTo);
        } catch (SQLException e) {
            if (!RejectedValue.is(e) || chunk.isEmpty()) {
                throw e;
            }
            if (chunk.size() == 1) {
                LOG.warnf("legacy post %d quarantined: the target database rejected it (%s)",
                        chunk.getFirst().legacyId(), e.getMessage());
                return attempt.commit(List.of(RejectedValue.quarantine(chunk.getFirst(), e)), after, upTo);
            }
            int half = chunk.size() / 2;
            long middle = chunk.get(half - 1).legacyId();
            return commit(attempt, chunk.subList(0, half), after, middle)
                    .plus(commit(attempt, chunk.subList(half, chunk.size()), middle, upTo));
        }
    }
}
