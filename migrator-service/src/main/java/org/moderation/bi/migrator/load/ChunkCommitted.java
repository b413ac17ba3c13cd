package org.moderation.bi.migrator.load;

/** Fired after a chunk and its checkpoint are committed; observers see durable progress only. */
public record ChunkCommitted(long runId, long checkpointPostId, ChunkCommitter.ChunkCounts counts) {
}
