package org.moderation.bi.engine.support;

import java.sql.SQLException;

/**
 * Submissions spread over the last 26 months up to a day ahead of now (a clock ahead): three communities and none,
 * every platform group, every status, none to three categories and hashtags; removals from reports and from the legacy column,
 * some dated after now, some taking weeks; soft-deleted submissions and reports. Enough rows that every
 * pre-aggregation and the facts have something to say about any window.
 */
public final class GeneratedReadModel {

    private GeneratedReadModel() {
    }

    public static void load(ReadModelDatabase database, int submissions) throws SQLException {
        database.execute("""
                TRUNCATE communities, submissions, reports, categories, hashtags RESTART IDENTITY CASCADE;
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                    (1, 'North', 'north', '2021-01-01'), (2, 'South', 'south', '2021-01-01'),
                    (3, 'East', 'east', '2021-01-01');
                SELECT setseed(0.42);
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, deleted_at, last_run_id)
                SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 3 END,
                       (ARRAY['meta', 'meta', 'x', 'tiktok', 'telegram', 'unknown'])[1 + g % 6],
                       (ARRAY['facebook', 'instagram', 'x', 'tiktok', 'telegram', 'unknown'])[1 + g % 6], 'url_host',
                       (ARRAY['new', 'in_review', 'reported', 'removed', 'rejected', 'duplicate'])[1 + g % 7 % 6],
                       t, CASE WHEN g % 4 = 0 THEN t + (g % 90) * interval '7 hours' END, now(),
                       CASE WHEN g % 41 = 0 THEN now() END, 1
                FROM (SELECT g, now() + interval '1 day' - random() * interval '790 days' AS t
                      FROM generate_series(1, $COUNT) AS g) AS times;
                INSERT INTO reports (legacy_id, submission_id, reported_at, taken_down_at, legacy_updated_at, deleted_at)
                SELECT s.id, s.id, s.submitted_at,
                       CASE WHEN s.id % 3 <> 0 THEN s.submitted_at + (s.id % 200) * interval '3 hours' END, now(),
                       CASE WHEN s.id % 37 = 0 THEN now() END
                FROM submissions s WHERE s.id % 2 = 0;
                INSERT INTO categories (code) VALUES ('holocaust_denial'), ('conspiracy'), ('dehumanisation'),
                    ('glorification');
                INSERT INTO hashtags (tag) SELECT 'tag' || i FROM generate_series(1, 40) AS i;
                -- None to three hashtags a submission, a few common, most rare.
                INSERT INTO submission_hashtags (submission_id, hashtag_id)
                SELECT DISTINCT s.id, 1 + (s.id * k * k) % (CASE k WHEN 1 THEN 3 ELSE 40 END)
                FROM submissions s, generate_series(1, s.id % 4) AS k;
                -- None, one, two or three codes a submission.
                INSERT INTO submission_categories (submission_id, category_id)
                SELECT s.id, c.id FROM submissions s JOIN categories c ON c.id <= s.id % 4
                    AND (c.id + s.id / 4) % 4 <> 0;
                SELECT refresh_submission_facts();
                ANALYZE;""".replace("$COUNT", String.valueOf(submissions)));
    }
}
