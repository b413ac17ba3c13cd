package org.moderation.bi.migrator.legacy;

import java.time.OffsetDateTime;

/** One row of legacy {@code posts}, as read; {@code rawJson} is the whole row as the legacy database renders it. */
public record LegacyPost(
        long id,
        Integer communityId,
        Integer submittedBy,
        String url,
        String platform,
        String contentText,
        String authorHandle,
        OffsetDateTime postedAt,
        String status,
        OffsetDateTime removedAt,
        String categories,
        String hashtags,
        String analysisJson,
        String extraJson,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String rawJson) {
}
