package org.moderation.bi.legacy.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every quirk of the legacy README must be present in a default-size generated database. */
class LegacyQuirksTest {

    /** Effective takedown per post: the earliest report takedown, the legacy removed_at, or none. */
    private static final String TAKEDOWNS = "(SELECT p.id, p.status, p.created_at, p.removed_at, "
            + "min(r.taken_down_at) AS first_report_takedown, count(DISTINCT r.taken_down_at) AS report_takedowns, "
            + "count(r.id) AS reports, count(r.id) FILTER (WHERE r.taken_down_at IS NULL) AS reports_without "
            + "FROM posts p LEFT JOIN post_reports r ON r.post_id = p.id GROUP BY p.id) t";
    /** The host part of a URL, whatever scheme variant precedes it. */
    private static final String HOST = "substring(url from '^\\s*(?:[A-Za-z]+:)?(?://)?([^/?#\\s]+)')";

    private static TestDatabase db;
    private static Connection c;
    private static GeneratorOptions options;

    @BeforeAll
    static void generateDefaultDatabase() throws Exception {
        db = TestDatabase.create();
        c = db.connectWithFreshSchema();
        // -Dlegacy.quirks.seed / -Dlegacy.quirks.now check another data set than the default one
        GeneratorOptions defaults = GeneratorOptions.defaults();
        options = defaults.withSeed(Long.getLong("legacy.quirks.seed", defaults.seed()))
                .withNow(Instant.parse(System.getProperty("legacy.quirks.now", defaults.now().toString())));
        new LegacyGenerator().generate(c, options);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (c != null) {
            c.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void quirk1TakedownsLiveInTwoPlaces() throws SQLException {
        SoftAssertions soft = new SoftAssertions();
        present(soft, "legacy takedowns before March 2024 with report rows lacking taken_down_at",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE created_at < '2024-03-01' AND removed_at IS NOT NULL "
                        + "AND reports_without > 0");
        present(soft, "report-flow takedowns with removed_at NULL",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE first_report_takedown IS NOT NULL AND removed_at IS NULL");
        present(soft, "both removed_at and a report takedown",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE first_report_takedown IS NOT NULL AND removed_at IS NOT NULL");
        present(soft, "removed_at earlier than the earliest report takedown",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE removed_at < first_report_takedown");
        present(soft, "removed_at later than the earliest report takedown",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE removed_at > first_report_takedown");
        present(soft, "two or more distinct report takedowns",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE report_takedowns >= 2");
        present(soft, "a report takedown beside a report without one",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE report_takedowns >= 1 AND reports_without >= 1");
        present(soft, "takedown in a later month than the submission",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE date_trunc('month', coalesce(first_report_takedown, "
                        + "removed_at) AT TIME ZONE 'UTC') > date_trunc('month', created_at AT TIME ZONE 'UTC')");
        present(soft, "takedown while the status still says 'reported'",
                "SELECT count(*) FROM " + TAKEDOWNS + " WHERE status = 'reported' "
                        + "AND coalesce(first_report_takedown, removed_at) IS NOT NULL");
        soft.assertThat(count("SELECT count(*) FROM post_reports WHERE taken_down_at < '2024-03-01'"))
                .as("report takedowns before the new flow existed").isZero();
        double takedownShare = share("SELECT count(*) FILTER (WHERE coalesce(first_report_takedown, removed_at) "
                + "IS NOT NULL)::float8 / count(*) FROM " + TAKEDOWNS);
        soft.assertThat(takedownShare).as("share of posts with a takedown").isBetween(0.35, 0.45);
        double removedStatusShare = share("SELECT count(*) FILTER (WHERE status = 'removed')::float8 / count(*) FROM "
                + TAKEDOWNS + " WHERE coalesce(first_report_takedown, removed_at) IS NOT NULL");
        soft.assertThat(removedStatusShare).as("status coherent with the takedown most of the time").isGreaterThan(0.8);
        soft.assertAll();
    }

    @Test
    void quirk2PlatformTextIsUnreliableAndUrlsComeInEveryVariant() throws SQLException {
        SoftAssertions soft = new SoftAssertions();
        present(soft, "'Meta' beside an Instagram URL", "SELECT count(*) FROM posts WHERE platform = 'Meta' "
                + "AND lower(" + HOST + ") IN ('instagram.com', 'www.instagram.com')");
        present(soft, "'meta' beside a Facebook URL", "SELECT count(*) FROM posts WHERE platform = 'meta' "
                + "AND lower(" + HOST + ") LIKE '%facebook.com%'");
        present(soft, "NULL text beside a clear URL",
                "SELECT count(*) FROM posts WHERE platform IS NULL AND lower(url) LIKE '%youtube.com/watch?v=%'");
        present(soft, "empty text beside a clear URL",
                "SELECT count(*) FROM posts WHERE platform = '' AND lower(" + HOST + ") LIKE '%tiktok.com%'");
        present(soft, "'Facebook' beside an instagram.com/p/ URL",
                "SELECT count(*) FROM posts WHERE platform = 'Facebook' AND lower(url) LIKE '%instagram.com/p/%'");
        present(soft, "'Meta' as the only signal beside a garbage, NULL or empty URL",
                "SELECT count(*) FROM posts WHERE (url IS NULL OR url !~* '[a-z]\\.[a-z]') AND platform = 'Meta'");
        present(soft, "'Twitter' as the only signal beside a garbage, NULL or empty URL",
                "SELECT count(*) FROM posts WHERE (url IS NULL OR url !~* '[a-z]\\.[a-z]') AND platform = 'Twitter'");
        present(soft, "neither URL nor text", "SELECT count(*) FROM posts WHERE (url IS NULL OR url = '') "
                + "AND (platform IS NULL OR platform = '')");
        for (String garbage : new String[] {"see screenshot", "N/A", "javascript:void(0)", "http://"}) {
            present(soft, "garbage URL '" + garbage + "'", "SELECT count(*) FROM posts WHERE url = '" + garbage + "'");
        }
        soft.assertThat(share("SELECT count(*) FILTER (WHERE url IS NULL)::float8 / count(*) FROM posts"))
                .as("NULL URL share").isBetween(0.02, 0.04);
        soft.assertThat(share("SELECT count(*) FILTER (WHERE url = '')::float8 / count(*) FROM posts"))
                .as("empty URL share").isBetween(0.005, 0.02);
        soft.assertThat(share("SELECT count(*) FILTER (WHERE url = ANY (ARRAY['see screenshot', 'N/A', "
                + "'javascript:void(0)', 'http://', 'n/a', 'screenshot attached', 'link removed by user', 'unknown', "
                + "'-', 'https://', 'siehe Screenshot', 'TODO']))::float8 / count(*) FROM posts"))
                .as("garbage URL share").isBetween(0.02, 0.04);
        for (String host : new String[] {"fb.watch", "instagr.am", "youtu.be", "vm.tiktok.com", "t.me", "redd.it",
                "wa.me", "t.co", "m.facebook.com", "mobile.twitter.com", "m.youtube.com", "x.com", "twitter.com",
                "threads.net", "www.threads.net", "www.facebook.com"}) {
            present(soft, "host " + host, "SELECT count(*) FROM posts WHERE lower(" + HOST + ") = '" + host + "'");
        }
        present(soft, "upper-case host", "SELECT count(*) FROM posts WHERE " + HOST + " ~ '[A-Z]' AND " + HOST
                + " ~ '\\.[A-Za-z]{2,}'");
        present(soft, "host with port", "SELECT count(*) FROM posts WHERE " + HOST + " ~ ':[0-9]+$'");
        present(soft, "no scheme", "SELECT count(*) FROM posts WHERE url ~* '^(www\\.)?[a-z0-9.-]+\\.[a-z]+/'");
        present(soft, "protocol-relative", "SELECT count(*) FROM posts WHERE url LIKE '//%'");
        present(soft, "http scheme", "SELECT count(*) FROM posts WHERE url LIKE 'http://%.%'");
        present(soft, "https scheme", "SELECT count(*) FROM posts WHERE url LIKE 'https://%.%'");
        for (String param : new String[] {"utm_source=", "fbclid=", "igshid=", "si="}) {
            present(soft, "tracking parameter " + param,
                    "SELECT count(*) FROM posts WHERE url ~ '[?&]" + param + "'");
        }
        present(soft, "unknown sites", "SELECT count(*) FROM posts WHERE lower(" + HOST + ") IN ('gab.com', "
                + "'www.bitchute.com', 'forum.truthseekers-board.net', 'www.weltnachrichten-online.de')");
        soft.assertThat(count("SELECT count(*) FROM posts WHERE platform IS NOT NULL AND platform NOT IN ('Meta', "
                + "'meta', 'Facebook', 'FB', 'IG', 'Instagram', 'Twitter', 'X', 'tiktok', 'YouTube', 'Telegram', "
                + "'Reddit', 'Threads', 'WhatsApp', 'other', '')")).as("platform text outside the legacy UI's values")
                .isZero();
        soft.assertAll();
    }

    @Test
    void quirk3CategoriesAndHashtagsArePackedMessily() throws SQLException {
        SoftAssertions soft = new SoftAssertions();
        present(soft, "categories duplicated in another case", "SELECT count(*) FROM posts p WHERE EXISTS ("
                + "SELECT 1 FROM regexp_split_to_table(p.categories, ';') a(item), "
                + "regexp_split_to_table(p.categories, ';') b(item) "
                + "WHERE lower(btrim(a.item)) = lower(btrim(b.item)) AND btrim(a.item) <> btrim(b.item))");
        present(soft, "category with stray whitespace", "SELECT count(*) FROM posts WHERE categories ~ '(^|;) | (;|$)'");
        present(soft, "empty category item", "SELECT count(*) FROM posts WHERE categories LIKE '%;;%' "
                + "OR categories LIKE '%;' OR categories LIKE ';%'");
        present(soft, "upper-case category", "SELECT count(*) FROM posts WHERE categories ~ '[A-Z]{4,}'");
        present(soft, "freshly coined category", "SELECT count(*) FROM posts WHERE categories ~* 'new_trope_[0-9]+'");
        present(soft, "NULL categories", "SELECT count(*) FROM posts WHERE categories IS NULL");
        present(soft, "empty categories", "SELECT count(*) FROM posts WHERE categories = ''");
        present(soft, "hashtags separated by commas", "SELECT count(*) FROM posts WHERE hashtags LIKE '%,%'");
        present(soft, "hashtags separated by spaces only",
                "SELECT count(*) FROM posts WHERE btrim(hashtags) LIKE '% %' AND hashtags NOT LIKE '%,%'");
        present(soft, "hashtag without '#'", "SELECT count(*) FROM posts WHERE hashtags ~ '(^|[ ,])[A-Za-z]'");
        present(soft, "hashtags duplicated in another case", "SELECT count(*) FROM posts p WHERE EXISTS ("
                + "SELECT 1 FROM regexp_split_to_table(p.hashtags, '[ ,]+') a(tag), "
                + "regexp_split_to_table(p.hashtags, '[ ,]+') b(tag) "
                + "WHERE lower(ltrim(a.tag, '#')) = lower(ltrim(b.tag, '#')) AND a.tag <> b.tag AND a.tag <> '')");
        present(soft, "NULL hashtags", "SELECT count(*) FROM posts WHERE hashtags IS NULL");
        present(soft, "empty hashtags", "SELECT count(*) FROM posts WHERE hashtags = ''");
        soft.assertAll();
    }

    @Test
    void quirk4AnalysisHasTwoShapesNullAndEmpty() throws SQLException {
        SoftAssertions soft = new SoftAssertions();
        present(soft, "analysis v1", "SELECT count(*) FROM posts WHERE analysis ? 'score' AND analysis ? 'label'");
        present(soft, "analysis v2", "SELECT count(*) FROM posts WHERE analysis ? 'model' AND analysis ? 'scores' "
                + "AND jsonb_typeof(analysis -> 'labels') = 'array'");
        present(soft, "analysis NULL", "SELECT count(*) FROM posts WHERE analysis IS NULL");
        present(soft, "analysis {}", "SELECT count(*) FROM posts WHERE analysis = '{}'::jsonb");
        present(soft, "extra with language, screenshots and geo",
                "SELECT count(*) FROM posts WHERE extra ?& ARRAY['language', 'screenshots', 'geo']");
        present(soft, "extra NULL", "SELECT count(*) FROM posts WHERE extra IS NULL");
        soft.assertAll();
    }

    @Test
    void quirk7RowsImportedIn2021AreMessy() throws SQLException {
        SoftAssertions soft = new SoftAssertions();
        String in2021 = " created_at >= '2021-01-01' AND created_at < '2022-01-01'";
        present(soft, "2021 post without community", "SELECT count(*) FROM posts WHERE community_id IS NULL AND" + in2021);
        present(soft, "2021 post without posted_at", "SELECT count(*) FROM posts WHERE posted_at IS NULL AND" + in2021);
        present(soft, "2021 post updated before it was created",
                "SELECT count(*) FROM posts WHERE updated_at < created_at AND" + in2021);
        present(soft, "2021 post 'removed' without any takedown timestamp", "SELECT count(*) FROM " + TAKEDOWNS
                + " WHERE status = 'removed' AND removed_at IS NULL AND first_report_takedown IS NULL AND" + in2021);
        soft.assertThat(count("SELECT count(*) FROM posts WHERE updated_at < created_at AND created_at >= '2022-01-01'"))
                .as("updated_at < created_at after 2021").isZero();
        soft.assertThat(count("SELECT count(*) FROM posts WHERE community_id IS NULL AND created_at >= '2022-01-01'"))
                .as("no community after 2021").isZero();
        soft.assertAll();
    }

    @Test
    void valuesStayWithinTheLegacyVocabulary() throws SQLException {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(count("SELECT count(*) FROM communities")).isBetween(6L, 10L);
        soft.assertThat(count("SELECT count(*) FROM app_users")).isBetween(120L, 180L);
        soft.assertThat(count("SELECT count(*) FROM communities WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$'")).isZero();
        soft.assertThat(count("SELECT count(DISTINCT role) FROM app_users")).isEqualTo(4);
        soft.assertThat(count("SELECT count(*) FROM app_users WHERE role NOT IN ('reporter', 'moderator', "
                + "'community_manager', 'admin')")).isZero();
        soft.assertThat(count("SELECT count(*) FROM app_users WHERE (role = 'admin') <> (community_id IS NULL)"))
                .as("admins, and only admins, without community").isZero();
        soft.assertThat(count("SELECT count(DISTINCT status) FROM posts")).isEqualTo(6);
        soft.assertThat(count("SELECT count(*) FROM posts WHERE status NOT IN ('new', 'in_review', 'reported', "
                + "'removed', 'rejected', 'duplicate')")).isZero();
        soft.assertThat(count("SELECT count(DISTINCT channel) FROM post_reports")).isEqualTo(4);
        soft.assertThat(count("SELECT count(*) FROM post_reports WHERE channel NOT IN ('platform_form', "
                + "'trusted_flagger', 'email', 'api')")).isZero();
        soft.assertThat(count("SELECT count(DISTINCT coalesce(outcome, '<null>')) FROM post_reports")).isEqualTo(5);
        soft.assertThat(count("SELECT count(*) FROM post_reports WHERE outcome NOT IN ('pending', 'removed', "
                + "'rejected', 'restricted')")).isZero();
        present(soft, "reports without platform ticket", "SELECT count(*) FROM post_reports WHERE platform_ticket IS NULL");
        present(soft, "posts with several reports",
                "SELECT count(*) FROM (SELECT post_id FROM post_reports GROUP BY 1 HAVING count(*) > 1) x");
        present(soft, "posts without reports", "SELECT count(*) FROM " + TAKEDOWNS + " WHERE reports = 0");
        soft.assertThat(share("SELECT count(*) FILTER (WHERE author_handle LIKE '@%')::float8 / count(*) FROM posts"))
                .as("author handles").isGreaterThan(0.9);
        soft.assertThat(share("SELECT count(*) FILTER (WHERE content_text <> '')::float8 / count(*) FROM posts"))
                .as("content text").isGreaterThan(0.9);
        soft.assertThat(share("SELECT count(*) FILTER (WHERE posted_at IS NOT NULL)::float8 / count(*) FROM posts"))
                .as("posted_at mostly set").isGreaterThan(0.85);
        soft.assertAll();
    }

    @Test
    void timelineEndsAtNowAndStaysConsistent() throws SQLException {
        Instant now = options.now();
        String nowSql = "'" + now + "'::timestamptz";
        SoftAssertions soft = new SoftAssertions();
        for (String column : new String[] {"posted_at", "removed_at", "created_at", "updated_at"}) {
            soft.assertThat(count("SELECT count(*) FROM posts WHERE " + column + " > " + nowSql))
                    .as("posts." + column + " after now").isZero();
        }
        for (String column : new String[] {"reported_at", "taken_down_at", "updated_at"}) {
            soft.assertThat(count("SELECT count(*) FROM post_reports WHERE " + column + " > " + nowSql))
                    .as("post_reports." + column + " after now").isZero();
        }
        soft.assertThat(count("SELECT count(*) FROM communities WHERE created_at > " + nowSql)).isZero();
        soft.assertThat(count("SELECT count(*) FROM app_users WHERE created_at > " + nowSql)).isZero();
        soft.assertThat(count("SELECT count(*) FROM posts WHERE created_at < '2021-01-01' OR created_at > "
                + nowSql + " - interval '1 hour'")).as("created_at outside 2021 .. now - 1h").isZero();
        soft.assertThat(share("SELECT count(*) FILTER (WHERE created_at > " + nowSql + " - interval '30 days')::float8 "
                + "/ count(*) FROM posts")).as("share of the last 30 days").isBetween(0.02, 0.08);
        soft.assertThat(count("SELECT count(*) FROM posts WHERE created_at >= " + nowSql + " - interval '395 days' "
                + "AND created_at < " + nowSql + " - interval '30 days'")).as("the last year denser than 2022")
                .isGreaterThan(count("SELECT count(*) FROM posts WHERE created_at >= '2022-01-01' "
                        + "AND created_at < '2023-01-01'"));
        soft.assertThat(count("SELECT count(*) FROM posts WHERE posted_at > created_at")).isZero();
        soft.assertThat(count("SELECT count(*) FROM posts WHERE removed_at < created_at")).isZero();
        soft.assertThat(count("SELECT count(*) FROM post_reports r JOIN posts p ON p.id = r.post_id "
                + "WHERE r.reported_at < p.created_at OR r.taken_down_at < p.created_at")).isZero();
        soft.assertThat(count("SELECT count(*) FROM post_reports WHERE taken_down_at < reported_at "
                + "OR updated_at < reported_at")).isZero();
        soft.assertThat(count("SELECT count(*) FROM posts WHERE id > 1 AND created_at < "
                + "(SELECT created_at FROM posts q WHERE q.id = posts.id - 1)")).as("ids follow submission order")
                .isZero();
        soft.assertAll();
    }

    private static void present(SoftAssertions soft, String description, String sql) throws SQLException {
        soft.assertThat(count(sql)).as(description).isPositive();
    }

    private static long count(String sql) throws SQLException {
        return TestDatabase.queryLong(c, sql);
    }

    private static double share(String sql) throws SQLException {
        String value = TestDatabase.queryString(c, sql);
        assertThat(value).as(sql).isNotNull();
        return Double.parseDouble(value);
    }
}
