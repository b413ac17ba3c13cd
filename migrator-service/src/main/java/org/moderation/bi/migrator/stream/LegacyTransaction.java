package org.moderation.bi.migrator.stream;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one legacy transaction changed, gathered from its records: the posts it touched (and which of them it
 * deleted), the reports it touched (whose post before the change only the target knows: a record carries the row as it
 * is after the change, a deleted one only its key), which of them it deleted, and whether it changed communities or
 * users.
 * Complete once its end arrived ({@link #commitLsn} set); a transaction too large for one chunk is applied in
 * chunks of it, in order, before its end.
 */
final class LegacyTransaction {

    final long txId;
    final Set<Long> posts = new LinkedHashSet<>();
    final Set<Long> deletedPosts = new TreeSet<>();
    /** Report id → whether the transaction deleted it. */
    final Map<Long, Boolean> reports = new HashMap<>();
    boolean referenceData;
    long lastLsn;
    Long commitLsn;
    Instant committedAt;

    LegacyTransaction(long txId, Instant committedAt) {
        this.txId = txId;
        this.committedAt = committedAt;
    }

    void add(LegacyChange.Row row) {
        lastLsn = row.lsn();
        switch (row.table()) {
            case POSTS -> {
                posts.add(row.postId());
                if (row.deleted()) {
                    deletedPosts.add(row.postId());
                } else {
                    deletedPosts.remove(row.postId());
                }
            }
            case POST_REPORTS -> {
                if (row.postId() != null) {
                    posts.add(row.postId());
                }
                reports.put(row.reportId(), row.deleted());
            }
            case COMMUNITIES, APP_USERS -> referenceData = true;
            case NONE -> {
                // a table outside the four (a heartbeat table): only its position counts
            }
        }
    }

    void end(LegacyChange.End end) {
        commitLsn = end.commitLsn();
        committedAt = end.committedAt();
    }

    boolean complete() {
        return commitLsn != null;
    }

    /** The posts and reports named so far: what a chunk of this transaction weighs. */
    int size() {
        return posts.size() + reports.size();
    }

    /** Hands over what was gathered so far as a chunk of its own, and goes on gathering the rest. */
    LegacyTransaction takeChunk() {
        var chunk = new LegacyTransaction(txId, committedAt);
        chunk.posts.addAll(posts);
        chunk.deletedPosts.addAll(deletedPosts);
        chunk.reports.putAll(reports);
        chunk.referenceData = referenceData;
        chunk.lastLsn = lastLsn;
        posts.clear();
        deletedPosts.clear();
        reports.clear();
        referenceData = false;
        return chunk;
    }
}
