package org.moderation.bi.legacy.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One simulated day on a generated database, compared with a copy of the tables taken before it. */
class ActivityDayTest {

    private static final GeneratorOptions OPTIONS =
            new GeneratorOptions(7, 8_000, Instant.parse("2026-06-01T00:00:00Z"));

    private static TestDatabase db;
    private static Connection c;
    private static ActivitySummary day;
    private static Instant now;
    private static String dbClockBefore;

    @BeforeAll
    static void generateAndApplyOneDay() throws Exception {
        db = TestDatabase.create();
        c = db.connectWithFreshSchema();
        new LegacyGenerator().generate(c, OPTIONS);
        TestDatabase.execute(c, "CREATE TABLE posts_before AS SELECT * FROM posts");
        TestDatabase.execute(c, "CREATE TABLE reports_before AS SELECT * FROM post_reports");
        dbClockBefore = TestDatabase.queryString(c, "SELECT now()::text");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        day = new ActivityDay().apply(c, 11, now);
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
    void countsScaleWithTheSizeOfTheDatabase() {
        assertThat(day.insertedPostIds()).hasSize(16);
        assertThat(day.updatedPostIds()).hasSize(40);
        assertThat(day.deletedPostIds()).hasSize(4);
        assertThat(day.updatedReportIds()).hasSize(8);
        assertThat(day.insertedReportIds()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(day.lateCommitPostId()).isPositive();
        assertThat(day.updatedPostIds()).doesNotContain(day.lateCommitPostId())
                .doesNotContainAnyElementsOf(day.deletedPostIds());
    }

    @Test
    void insertsNewPostsWithTheirOwnUpdatedAtAndSomeReports() throws SQLException {
        String ids = in(day.insertedPostIds());
        assertThat(count("SELECT count(*) FROM posts WHERE id IN " + ids)).isEqualTo(16);
        assertThat(count("SELECT count(*) FROM posts_before WHERE id IN " + ids)).isZero();
        assertThat(count("SELECT min(id) FROM posts WHERE id IN " + ids)).isGreaterThan(OPTIONS.posts());
        assertThat(count("SELECT count(*) FROM posts WHERE id IN " + ids + " AND (created_at > " + nowSql()
                + " OR created_at <= " + nowSql() + " - interval '1 day' OR updated_at < created_at "
                + "OR updated_at < '" + dbClockBefore + "'::timestamptz OR removed_at > " + nowSql() + ")")).isZero();
        assertThat(count("SELECT count(*) FROM post_reports WHERE post_id IN " + ids)).isPositive();
        assertThat(count("SELECT count(*) FROM post_reports WHERE post_id IN " + ids + " AND id NOT IN "
                + in(day.insertedReportIds()))).as("reports of new posts are listed as inserted").isZero();
    }

    @Test
    void updatesStatusCategoriesHashtagsAndOldRemovals() throws SQLException {
        String join = "SELECT count(*) FROM posts p JOIN posts_before b ON b.id = p.id WHERE p.id IN "
                + in(day.updatedPostIds());
        assertThat(count(join + " AND p.updated_at > b.updated_at AND p.updated_at >= '" + dbClockBefore
                + "'::timestamptz")).as("every updated post got a new updated_at").isEqualTo(40);
        assertThat(count(join + " AND p.status <> b.status")).as("status changes").isPositive();
        assertThat(count(join + " AND p.categories IS DISTINCT FROM b.categories")).as("category edits").isPositive();
        assertThat(count(join + " AND p.hashtags IS DISTINCT FROM b.hashtags")).as("hashtag edits").isPositive();
        assertThat(count(join + " AND b.removed_at IS NULL AND p.removed_at IS NOT NULL AND p.status = 'removed' "
                + "AND p.created_at < '2024-03-01' AND p.removed_at <= " + nowSql() + " AND p.removed_at > "
                + nowSql() + " - interval '1 day'")).as("old posts finally marked removed").isPositive();
        assertThat(count("SELECT count(*) FROM posts p JOIN posts_before b ON b.id = p.id WHERE p.updated_at "
                + "<> b.updated_at AND p.id NOT IN " + in(day.updatedPostIds()) + " AND p.id <> "
                + day.lateCommitPostId())).as("posts touched but not reported").isZero();
    }

    @Test
    void reportsTakedownsOnExistingPostsAndResolvesOpenReports() throws SQLException {
        String existing = "SELECT count(*) FROM post_reports r JOIN posts p ON p.id = r.post_id WHERE r.id IN "
                + in(day.insertedReportIds()) + " AND r.post_id IN (SELECT id FROM posts_before)";
        assertThat(count(existing)).as("new reports on existing posts").isPositive();
        assertThat(count(existing + " AND (r.taken_down_at IS NULL OR r.taken_down_at > " + nowSql()
                + " OR r.taken_down_at < r.reported_at OR r.reported_at < p.created_at OR r.outcome <> 'removed')"))
                .isZero();

        String resolved = "SELECT count(*) FROM post_reports r JOIN reports_before b ON b.id = r.id WHERE r.id IN "
                + in(day.updatedReportIds());
        assertThat(count(resolved)).isEqualTo(8);
        assertThat(count(resolved + " AND b.taken_down_at IS NULL AND r.taken_down_at IS NOT NULL "
                + "AND r.outcome = 'removed' AND r.taken_down_at <= " + nowSql() + " AND r.taken_down_at >= "
                + "r.reported_at AND r.updated_at > b.updated_at")).isEqualTo(8);
    }

    @Test
    void hardDeletesPostsAndTheirReportsGoByCascade() throws SQLException {
        String ids = in(day.deletedPostIds());
        assertThat(count("SELECT count(*) FROM posts_before WHERE id IN " + ids)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM posts WHERE id IN " + ids)).isZero();
        assertThat(count("SELECT count(*) FROM reports_before WHERE post_id IN " + ids))
                .as("the deleted posts had reports").isPositive();
        assertThat(count("SELECT count(*) FROM post_reports WHERE post_id IN " + ids)).isZero();
    }

    @Test
    void lateCommitLeavesAnUpdatedAtOlderThanRowsCommittedBeforeIt() throws SQLException {
        long late = day.lateCommitPostId();
        assertThat(count("SELECT count(*) FROM posts p JOIN posts_before b ON b.id = p.id WHERE p.id = " + late
                + " AND p.status <> b.status AND p.updated_at > b.updated_at")).as("the late post changed").isOne();
        String lateRow = "(SELECT updated_at, xmin::text::bigint AS xid FROM posts WHERE id = " + late + ")";
        String others = in(concat(day.updatedPostIds(), day.insertedPostIds()));
        // xmin shows the late row was written after the others; updated_at still says it is older than all of them
        assertThat(count("SELECT count(*) FROM posts p, " + lateRow + " l WHERE p.id IN " + others
                + " AND p.updated_at > l.updated_at AND p.xmin::text::bigint < l.xid"))
                .isEqualTo(day.updatedPostIds().size() + day.insertedPostIds().size());
    }

    @Test
    void refusesADatabaseWithoutPosts() throws Exception {
        try (TestDatabase empty = TestDatabase.create(); Connection e = empty.connectWithFreshSchema()) {
            assertThatThrownBy(() -> new ActivityDay().apply(e, 1, now))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no posts");
            assertThat(e.getAutoCommit()).isTrue();
        }
    }

    private static String nowSql() {
        return "'" + now + "'::timestamptz";
    }

    private static long count(String sql) throws SQLException {
        return TestDatabase.queryLong(c, sql);
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String in(List<Long> ids) {
        return ids.isEmpty() ? "(NULL)" : ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    }
}
