package org.moderation.bi.legacy.generator;

import java.time.Instant;

/** A row of {@code post_reports}. */
record LegacyReport(
        long id,
        long postId,
        Integer reportedBy,
        String channel,
        Instant reportedAt,
        String platformTicket,
        String outcome,
        Instant takenDownAt,
        Instant updatedAt) {

    static final String COPY_SQL = "COPY post_reports (id, post_id, reported_by, channel, reported_at, "
            + "platform_ticket, outcome, taken_down_at, updated_at) FROM STDIN WITH (FORMAT csv)";

    void writeCsv(CsvBuffer csv) {
        csv.number(id).number(postId).number(reportedBy).text(channel).timestamp(reportedAt).text(platformTicket)
                .text(outcome).timestamp(takenDownAt).timestamp(updatedAt).endRow();
    }
}
