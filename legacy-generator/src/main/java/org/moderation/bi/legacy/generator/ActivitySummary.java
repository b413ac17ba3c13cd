package org.moderation.bi.legacy.generator;

import java.util.List;

/**
 * What {@link ActivityDay#apply} changed. {@code updatedPostIds} does not contain the late-commit
 * post: that one is reported on its own in {@code lateCommitPostId}, which is -1 when the database was
 * too small to spare a post for it. {@code insertedReportIds} covers reports of the new posts too.
 */
public record ActivitySummary(
        List<Long> insertedPostIds,
        List<Long> updatedPostIds,
        List<Long> deletedPostIds,
        List<Long> insertedReportIds,
        List<Long> updatedReportIds,
        long lateCommitPostId) {

    public ActivitySummary {
        insertedPostIds = List.copyOf(insertedPostIds);
        updatedPostIds = List.copyOf(updatedPostIds);
        deletedPostIds = List.copyOf(deletedPostIds);
        insertedReportIds = List.copyOf(insertedReportIds);
        updatedReportIds = List.copyOf(updatedReportIds);
    }
}
