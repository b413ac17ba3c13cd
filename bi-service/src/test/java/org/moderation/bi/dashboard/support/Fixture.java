package org.moderation.bi.dashboard.support;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hand-built submissions whose overview for May 2024 is worked out by hand in the tests: several reports, both
 * takedown sources, takedowns outside the window, a soft-deleted submission, no community, unknown platforms.
 */
public final class Fixture {

    private Fixture() {
    }

    public static void load() throws SQLException {
        try (Connection connection = ReadModelDatabase.connect(); var sql = connection.createStatement()) {
            sql.execute("""
                    TRUNCATE communities, submissions, reports, categories, hashtags RESTART IDENTITY CASCADE;
                    INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                        (1, 'North', 'north', '2021-01-01'), (2, 'South', 'south', '2021-01-01');
                    INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_removed_at, legacy_updated_at, deleted_at, last_run_id)
                    VALUES
                        -- s1: two report takedowns in May, the earliest counts (report_flow), not removed_at
                        (1, 1, 'meta', 'facebook', 'url_host', 'removed', '2024-05-03 10:00+00', '2024-05-20 00:00+00', now(), NULL, 1),
                        -- s2: submitted in May, taken down in June (legacy_fallback)
                        (2, 1, 'meta', 'instagram', 'url_host', 'removed', '2024-05-04 10:00+00', '2024-06-10 00:00+00', now(), NULL, 1),
                        -- s3: submitted in April, taken down in May (legacy_fallback)
                        (3, 2, 'x', 'x', 'url_host', 'removed', '2024-04-20 10:00+00', '2024-05-02 00:00+00', now(), NULL, 1),
                        -- s4: no takedown, platform unknown
                        (4, 2, 'unknown', 'unknown', 'none', 'new', '2024-05-20 10:00+00', NULL, now(), NULL, 1),
                        -- s5: soft-deleted: in no number
                        (5, 1, 'tiktok', 'tiktok', 'url_host', 'removed', '2024-05-25 10:00+00', '2024-05-26 00:00+00', now(), now(), 1),
                        -- s6: no community (a 2021 import): only superadmins see it
                        (6, NULL, 'youtube', 'youtube', 'url_host', 'removed', '2024-05-15 10:00+00', NULL, now(), NULL, 1),
                        -- s7: status removed without any timestamp: not a removal; 'Meta' alone
                        (7, 2, 'meta', 'unknown', 'legacy_text', 'removed', '2024-05-28 10:00+00', NULL, now(), NULL, 1);
                    INSERT INTO reports (legacy_id, submission_id, channel, reported_at, taken_down_at, legacy_updated_at)
                    VALUES
                        (11, 1, 'trusted_flagger', '2024-05-03 12:00+00', '2024-05-10 00:00+00', now()),
                        (12, 1, 'platform_form', '2024-05-03 13:00+00', '2024-05-05 00:00+00', now()),
                        (13, 1, 'email', '2024-05-03 14:00+00', NULL, now()),
                        (61, 6, 'trusted_flagger', '2024-05-15 12:00+00', '2024-05-16 00:00+00', now());
                    -- What they are about: s1 {holocaust_denial, conspiracy} #nwo, s2 {conspiracy} #nwo #jews,
                    -- s3 {slur}, s6 {holocaust_denial}, s7 #jews; s4 nothing.
                    INSERT INTO categories (code) VALUES ('holocaust_denial'), ('conspiracy'), ('slur');
                    INSERT INTO hashtags (tag) VALUES ('nwo'), ('jews');
                    INSERT INTO submission_categories (submission_id, category_id) VALUES
                        (1, 1), (1, 2), (2, 2), (3, 3), (6, 1);
                    INSERT INTO submission_hashtags (submission_id, hashtag_id) VALUES (1, 1), (2, 1), (2, 2), (7, 2);
                    UPDATE submissions SET url = 'https://m.facebook.com/story.php?id=1', url_host = 'm.facebook.com'
                        WHERE legacy_id = 1;
                    INSERT INTO post_data (submission_id, content_text, author_handle) VALUES
                        (1, E'Buy  followers\nnow at the link in bio', '@spam_bot_1');
                    INSERT INTO legacy_raw (submission_id, post) VALUES (1, '{"platform": "Meta"}'), (7, '{"platform": "Meta"}');
                    SELECT refresh_submission_facts();
                    UPDATE read_model_version SET version = version + 1, changed_at = now() - interval '1 minute',
                                                  verified_at = now() - interval '30 seconds';
                    """);
        }
    }
}
