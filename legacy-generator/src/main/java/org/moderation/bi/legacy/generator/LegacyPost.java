package org.moderation.bi.legacy.generator;

import java.time.Instant;

/** A row of {@code posts}; {@code analysis} and {@code extra} hold JSON text. */
record LegacyPost(
        long id,
        Integer communityId,
        Integer submittedBy,
        String url,
        String platform,
        String contentText,
        String authorHandle,
        Instant postedAt,
        String status,
        Instant removedAt,
        String categories,
        String hashtags,
        String analysis,
        String extra,
        Instant createdAt,
        Instant updatedAt) {

    static final String COPY_SQL = "COPY posts (id, community_id, submitted_by, url, platform, content_text, "
            + "author_handle, posted_at, status, removed_at, categories, hashtags, analysis, extra, created_at, "
            + "updated_at) FROM STDIN WITH (FORMAT csv)";

    void writeCsv(CsvBuffer csv) {
        csv.number(id).number(communityId).number(submittedBy).text(url).text(platform).text(contentText)
                .text(authorHandle).timestamp(postedAt).text(status).timestamp(removedAt).text(categories)
                .text(hashtags).text(analysis).text(extra).timestamp(createdAt).timestamp(updatedAt).endRow();
    }
}
