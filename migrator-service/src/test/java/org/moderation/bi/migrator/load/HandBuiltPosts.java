package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

/** Legacy posts written by hand, each for one business rule, with ids far above the generated ones. */
final class HandBuiltPosts {

    static final long REPORTS_ONLY = 900_001;
    static final long BOTH_REMOVED_AT_EARLIER = 900_002;
    static final long LEGACY_ONLY = 900_003;
    static final long STATUS_REMOVED_NO_TIMESTAMP = 900_004;
    static final long META_TEXT_GARBAGE_URL = 900_005;
    static final long NOTHING_KNOWN = 900_006;

    private HandBuiltPosts() {
    }

    static void insert() throws SQLException {
        post(REPORTS_ONLY, "1", "https://m.facebook.com/story.php?id=1&fbclid=x", "Meta", "reported", null,
                "' Holocaust_Denial;conspiracy;;CONSPIRACY'", "'#Jews #NWO,globalists'");
        report(REPORTS_ONLY, "'2024-05-03 08:00:00+00'");
        report(REPORTS_ONLY, "'2024-05-02 08:00:00+00'");
        report(REPORTS_ONLY, "NULL");
        post(BOTH_REMOVED_AT_EARLIER, "1", "twitter.com/a/status/1", "X", "removed", "'2024-04-01 00:00:00+00'",
                "NULL", "NULL");
        report(BOTH_REMOVED_AT_EARLIER, "'2024-05-10 12:00:00+00'");
        post(LEGACY_ONLY, "2", "HTTPS://INSTAGR.AM/p/1", "Facebook", "removed", "'2023-02-01 09:30:00+00'", "NULL",
                "NULL");
        report(LEGACY_ONLY, "NULL");
        post(STATUS_REMOVED_NO_TIMESTAMP, "2", "https://vm.tiktok.com/ZM1/", "", "removed", null, "NULL", "NULL");
        post(META_TEXT_GARBAGE_URL, "1", "see screenshot", "Meta", "reported", null, "NULL", "NULL");
        post(NOTHING_KNOWN, null, null, null, "new", null, "''", "''");
    }

    /** Per legacy id: effective takedown (UTC text), source, report count, platform, platform detail. */
    static Map<Long, List<String>> factsByLegacyId() throws SQLException {
        var facts = new HashMap<Long, List<String>>();
        try (var connection = TargetDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            try (var rows = statement.executeQuery("""
                    SELECT legacy_id, effective_takedown_at::text, takedown_source, report_count::text, platform,
                           platform_detail
                    FROM mv_submission_facts WHERE legacy_id >= 900000""")) {
                while (rows.next()) {
                    var values = new ArrayList<String>();
                    for (int i = 2; i <= 6; i++) {
                        values.add(rows.getString(i));
                    }
                    facts.put(rows.getLong(1), values);
                }
            }
        }
        return facts;
    }

    private static void post(long id, String community, String url, String platform, String status,
            String removedAt, String categories, String hashtags) throws SQLException {
        LegacyFixture.execute("INSERT INTO posts (id, community_id, submitted_by, url, platform, status, removed_at, "
                + "categories, hashtags, created_at, updated_at) VALUES (?, " + (community == null ? "NULL" : community)
                + ", NULL, ?, ?, ?, " + (removedAt == null ? "NULL" : removedAt) + ", " + categories + ", " + hashtags
                + ", '2022-06-01 00:00:00+00', '2024-06-01 00:00:00+00')", id, url, platform, status);
    }

    private static void report(long postId, String takenDownAt) throws SQLException {
        LegacyFixture.execute("INSERT INTO post_reports (post_id, reported_at, taken_down_at, updated_at) "
                + "VALUES (?, '2022-06-02 00:00:00+00', " + takenDownAt + ", '2024-06-01 00:00:00+00')", postId);
    }
}
