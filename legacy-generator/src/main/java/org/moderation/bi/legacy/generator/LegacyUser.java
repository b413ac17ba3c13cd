package org.moderation.bi.legacy.generator;

import java.time.Instant;

/** A row of {@code app_users}. */
record LegacyUser(int id, String email, String displayName, String role, Integer communityId, Instant createdAt) {

    static final String REPORTER = "reporter";
    static final String MODERATOR = "moderator";
    static final String COMMUNITY_MANAGER = "community_manager";
    static final String ADMIN = "admin";

    static final String COPY_SQL =
            "COPY app_users (id, email, display_name, role, community_id, created_at) FROM STDIN WITH (FORMAT csv)";

    void writeCsv(CsvBuffer csv) {
        csv.number(id).text(email).text(displayName).text(role).number(communityId).timestamp(createdAt).endRow();
    }

    /** Moderators, community managers and admins are the ones who file reports to platforms. */
    boolean filesReports() {
        return !REPORTER.equals(role);
    }
}
