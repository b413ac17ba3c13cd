package org.moderation.bi.migrator.legacy;

import java.time.OffsetDateTime;

/** One row of legacy {@code post_reports}. */
public record LegacyReport(
        long id,
        long postId,
        Integer reportedBy,
        String channel,
        OffsetDateTime reportedAt,
        String platformTicket,
        String outcome,
        OffsetDateTime takenDownAt,
        OffsetDateTime updatedAt) {
}
