package org.moderation.bi.migrator.load;

import org.moderation.bi.migrator.persistence.ChunkCounts;

/** Fired after a chunk and its checkpoint are committed; observers see durable progress only. */
public record ChunkCommitted(long runId, long checkpointPostId, ChunkCounts counts) {
}
