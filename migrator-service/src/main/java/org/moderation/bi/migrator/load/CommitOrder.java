package org.moderation.bi.migrator.load;

import java.util.HashSet;
import java.util.Set;

/**
 * The chunks of a load, numbered in legacy id order, and which of them have committed. Writers commit them out of
 * order; a chunk may move the run's checkpoint only when every chunk before it has committed, so the checkpoint never
 * passes a post that is not in the target (it may lag: a continued run rewrites a chunk, which changes nothing).
 */
final class CommitOrder {

    private final Set<Long> committedAhead = new HashSet<>();
    private long committedPrefix;

    synchronized boolean allBeforeCommitted(long chunk) {
        return committedPrefix >= chunk;
    }

    synchronized void committed(long chunk) {
        committedAhead.add(chunk);
        while (committedAhead.remove(committedPrefix)) {
            committedPrefix++;
        }
    }
}
