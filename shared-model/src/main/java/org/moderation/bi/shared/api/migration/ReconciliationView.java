package org.moderation.bi.shared.api.migration;

/**
 * What a run's reconciliation compared and repaired, by reason. Legacy and target were summarised per bucket of
 * legacy post ids by content version; only differing buckets were compared post by post.
 *
 * @param buckets          buckets compared
 * @param bucketsDiffering buckets whose summaries differed (or that held a post the run had to verify)
 * @param postsMissing     legacy posts the target did not have: loaded
 * @param postsStale       posts whose version differed (a change the updated_at window missed): rewritten
 * @param postsBack        posts whose submission had been soft-deleted and that exist again: restored
 * @param postsGone        live submissions whose legacy post no longer exists: soft-deleted, unless refused
 * @param reportsGone      live reports no longer in the legacy database: soft-deleted with their post's rewrite
 * @param seconds          how long the reconciliation took
 * @param refusal          why the deletions were refused (and nothing was deleted), or null
 */
public record ReconciliationView(long buckets, long bucketsDiffering, long postsMissing, long postsStale,
        long postsBack, long postsGone, long reportsGone, double seconds, String refusal) {

    public long postsRepaired() {
        return postsMissing + postsStale + postsBack + postsGone;
    }
}
