package org.moderation.bi.dashboard.support;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Submissions of May 2024 in three of the generator's communities, two of them the demo community manager's
 * (berlin-online-watch and vienna-monitoring, as the local realm gives them), one not (paris-vigilance), and one
 * submission without a community. Submission ids 1..8 are s1..s8.
 */
public final class DemoCommunitiesFixture {

    public static final long BERLIN_REPORT_FLOW_SUBMISSION = 1;
    public static final long PARIS_SUBMISSION = 5;

    private DemoCommunitiesFixture() {
    }

    /**
     * Adds submissions over the last two days, a few each hour, some taken down a few hours later: what an hourly
     * series shows.
     */
    public static void addRecentHours() throws SQLException {
        try (Connection connection = ReadModelDatabase.connect(); var sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_removed_at, legacy_updated_at, last_run_id,
                                             url_host, url)
                    SELECT 1000 + n, 1 + n % 3, 'meta', 'facebook', 'url_host', 'removed',
                           date_trunc('hour', now()) - make_interval(hours => n / 3) + interval '10 minutes',
                           CASE WHEN n % 2 = 0 AND n >= 9
                                THEN date_trunc('hour', now()) - make_interval(hours => n / 3) + interval '100 minutes' END,
                           now(), 1, 'facebook.com', 'https://facebook.com/p/' || (1000 + n)
                    FROM generate_series(3, 140) AS n;
                    SELECT refresh_submission_facts();
                    UPDATE read_model_version SET version = version + 1, changed_at = now() - interval '2 minutes',
                                                  verified_at = now() - interval '1 minute';
                    """);
        }
    }

    public static void load() throws SQLException {
        try (Connection connection = ReadModelDatabase.connect(); var sql = connection.createStatement()) {
            sql.execute("""
                    TRUNCATE communities, submissions, reports, categories RESTART IDENTITY CASCADE;
                    INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                        (1, 'Berlin Online Watch', 'berlin-online-watch', '2020-09-01'),
                        (2, 'Vienna Monitoring Group', 'vienna-monitoring', '2020-09-12'),
                        (3, 'Paris Vigilance', 'paris-vigilance', '2020-09-23');
                    INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_removed_at, legacy_updated_at, last_run_id)
                    VALUES
                        (1, 1, 'meta', 'facebook', 'url_host', 'removed', '2024-05-02 10:00+00', NULL, now(), 1),
                        (2, 1, 'x', 'x', 'url_host', 'removed', '2024-05-10 10:00+00', '2024-05-20 00:00+00', now(), 1),
                        (3, 2, 'tiktok', 'tiktok', 'url_host', 'new', '2024-05-15 10:00+00', NULL, now(), 1),
                        (4, 2, 'youtube', 'youtube', 'url_host', 'removed', '2024-05-21 10:00+00', '2024-05-30 00:00+00', now(), 1),
                        (5, 3, 'telegram', 'telegram', 'url_host', 'removed', '2024-05-03 10:00+00', '2024-05-04 00:00+00', now(), 1),
                        (6, 3, 'meta', 'instagram', 'url_host', 'new', '2024-05-28 10:00+00', NULL, now(), 1),
                        (7, 3, 'reddit', 'reddit', 'url_host', 'removed', '2024-04-25 10:00+00', NULL, now(), 1),
                        (8, NULL, 'youtube', 'youtube', 'url_host', 'removed', '2024-05-12 10:00+00', NULL, now(), 1);
                    INSERT INTO reports (legacy_id, submission_id, reported_at, taken_down_at, legacy_updated_at) VALUES
                        (11, 1, '2024-05-02 12:00+00', '2024-05-06 00:00+00', now()),
                        (41, 4, '2024-05-21 12:00+00', '2024-05-23 00:00+00', now()),
                        (71, 7, '2024-04-25 12:00+00', '2024-05-02 00:00+00', now()),
                        (81, 8, '2024-05-12 12:00+00', '2024-05-13 00:00+00', now());
                    UPDATE submissions SET url_host = platform_detail || '.com',
                                           url = 'https://' || platform_detail || '.com/p/' || legacy_id;
                    -- As legacy posts record them: one URL without its scheme, one that is no URL at all.
                    UPDATE submissions SET url = 'www.youtube.com/watch?v=' || legacy_id WHERE legacy_id = 4;
                    UPDATE submissions SET url = 'see screenshot in ticket 4711' WHERE legacy_id = 3;
                    INSERT INTO post_data (submission_id, content_text, author_handle)
                    SELECT id, CASE legacy_id
                                   WHEN 1 THEN repeat('Long thread quoting the same slur again and again, ', 8)
                                   WHEN 8 THEN NULL
                                   ELSE 'Post ' || legacy_id || ':  a   caption that repeats an antisemitic trope'
                               END,
                           CASE legacy_id WHEN 7 THEN NULL ELSE '@poster_' || legacy_id END
                    FROM submissions;
                    -- What they are about: 1 {antisemitic_trope, slur}, 2 and 5 {antisemitic_trope}, 4 {conspiracy}.
                    INSERT INTO categories (code) VALUES ('antisemitic_trope'), ('slur'), ('conspiracy');
                    INSERT INTO submission_categories (submission_id, category_id) VALUES
                        (1, 1), (1, 2), (2, 1), (5, 1), (4, 3);
                    SELECT refresh_submission_facts();
                    UPDATE read_model_version SET version = version + 1, changed_at = now() - interval '2 minutes',
                                                  verified_at = now() - interval '1 minute';
                    """);
        }
    }
}
