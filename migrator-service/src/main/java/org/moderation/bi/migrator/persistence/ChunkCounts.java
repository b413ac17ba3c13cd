package org.moderation.bi.migrator.persistence;

/**
 * What one chunk did, as the run's row adds it up: {@code read} = {@code written} + {@code unchanged} +
 * {@code quarantined} + {@code softDeleted}; {@code restored} (soft-deleted submissions whose post is back) are
 * among {@code written}.
 */
public record ChunkCounts(int read, int written, int reports, int unchanged, int quarantined, int softDeleted,
        int restored) {

    public static final ChunkCounts NONE = new ChunkCounts(0, 0, 0, 0, 0, 0, 0);

    public static ChunkCounts unchanged(int posts) {
        return new ChunkCounts(posts, 0, 0, posts, 0, 0, 0);
    }

    public static ChunkCounts softDeleted(int posts) {
        return new ChunkCounts(posts, 0, 0, 0, 0, posts, 0);
    }

    public ChunkCounts plus(ChunkCounts other) {
        return new ChunkCounts(read + other.read, written + other.written, reports + other.reports,
                unchanged + other.unchanged, quarantined + other.quarantined, softDeleted + other.softDeleted,
                restored + other.restored);
    }

    public boolean changedTarget() {
        return written + quarantined + softDeleted > 0;
    }
}
