package org.moderation.bi.dashboard.support;

import java.sql.SQLException;

/**
 * Generated submissions up to now, one every 7 minutes: a third without a community, four platforms, one in five
 * taken down through a report and one in seven by the legacy column, some of each dated after now (a clock ahead).
 */
public final class GeneratedSubmissions {

    private GeneratedSubmissions() {
    }

    /** {@code count} submissions, the newest now, the oldest {@code count} × 7 minutes ago. */
    public static void load(int count) throws SQLException {
        try (var connection = ReadModelDatabase.connect(); var sql = connection.createStatement()) {
            sql.execute("""
                TRUNCATE communities, submissions, reports RESTART IDENTITY CASCADE;
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                    (1, 'North', 'north', '2021-01-01'), (2, 'South', 'south', '2021-01-01');
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, last_run_id)
                SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 1 + g % 2 END,
                       (ARRAY['meta', 'x', 'tiktok', 'meta'])[1 + g % 4],
                       (ARRAY['facebook', 'x', 'tiktok', 'instagram'])[1 + g % 4], 'url_host', 'new',
                       now() - (g * interval '7 minutes'),
                       CASE WHEN g % 7 = 0 THEN now() - (g * interval '7 minutes') + (g % 50) * interval '1 hour'
                       END, now(), 1
                FROM generate_series(1, $COUNT) AS g;
                INSERT INTO reports (legacy_id, submission_id, reported_at, taken_down_at, legacy_updated_at)
                SELECT s.id, s.id, s.submitted_at, s.submitted_at + (s.id % 40) * interval '1 hour', now()
                FROM submissions s WHERE s.id % 5 = 0;
                SELECT refresh_submission_facts();""".replace("$COUNT", String.valueOf(count)));
        }
    }
}
