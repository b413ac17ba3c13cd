package org.moderation.bi.migrator.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/**
 * Reads legacy posts with their reports in pages, keyset-paged on the post id (never OFFSET), so memory stays
 * flat and a run can restart after the last committed id. Each page is read in one REPEATABLE READ snapshot,
 * so a post and its reports are always seen together.
 */
@ApplicationScoped
public class LegacyPostReader {

    private static final String POST_COLUMNS = """
            SELECT p.id, p.community_id, p.submitted_by, p.url, p.platform, p.content_text, p.author_handle,
                   p.posted_at, p.status, p.removed_at, p.categories, p.hashtags, p.analysis::text, p.extra::text,
                   p.created_at, p.updated_at, to_jsonb(p)::text
            FROM posts p
            """;
    private static final String REPORT_COLUMNS = """
            SELECT id, post_id, reported_by, channel, reported_at, platform_ticket, outcome, taken_down_at, updated_at
            FROM post_reports
            """;

    private final AgroalDataSource legacy;

    public LegacyPostReader(@DataSource("legacy") AgroalDataSource legacy) {
        this.legacy = legacy;
    }

    /** The next page of at most {@code limit} posts with id greater than {@code afterId}, in id order. */
    public List<LegacyPostWithReports> readPage(long afterId, int limit) throws SQLException {
        return LegacySnapshot.read(legacy, c -> {
            List<LegacyPost> posts = posts(c, "WHERE p.id > ? ORDER BY p.id LIMIT ?", s -> {
                s.setLong(1, afterId);
                s.setInt(2, limit);
            });
            if (posts.isEmpty()) {
                return List.of();
            }
            long lastId = posts.getLast().id();
            return withReports(posts, reports(c, "WHERE post_id > ? AND post_id <= ? ORDER BY post_id, id", s -> {
                s.setLong(1, afterId);
                s.setLong(2, lastId);
            }));
        });
    }

    /** The posts among {@code ids} that exist, in id order, each read with its reports in one snapshot. */
    public List<LegacyPostWithReports> readPosts(List<Long> ids) throws SQLException {
        return LegacySnapshot.read(legacy, c -> readPosts(c, ids));
    }

    /** The posts among {@code ids} that exist in this snapshot; an id not returned is not in it. */
    public List<LegacyPostWithReports> readPosts(LegacySnapshot snapshot, List<Long> ids) throws SQLException {
        return readPosts(snapshot.connection(), ids);
    }

    private static List<LegacyPostWithReports> readPosts(Connection c, List<Long> ids) throws SQLException {
        var array = c.createArrayOf("int8", ids.toArray());
        List<LegacyPost> posts = posts(c, "WHERE p.id = ANY (?) ORDER BY p.id", s -> s.setArray(1, array));
        return withReports(posts, reports(c, "WHERE post_id = ANY (?) ORDER BY post_id, id",
                s -> s.setArray(1, array)));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static List<LegacyPostWithReports> withReports(List<LegacyPost> posts,
            Map<Long, List<LegacyReport>> reports) {
        var page = new ArrayList<LegacyPostWithReports>(posts.size());
        for (LegacyPost post : posts) {
            page.add(new LegacyPostWithReports(post, reports.getOrDefault(post.id(), List.of())));
        }
        return page;
    }

    /** {@code where} is one of the constant conditions above, never input. */
    private static List<LegacyPost> posts(Connection connection, String where, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(POST_COLUMNS + where)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                var posts = new ArrayList<LegacyPost>();
                while (rows.next()) {
                    posts.add(new LegacyPost(rows.getLong(1), integer(rows, 2), integer(rows, 3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), time(rows, 8), rows.getString(9),
                            time(rows, 10), rows.getString(11), rows.getString(12), rows.getString(13),
                            rows.getString(14), time(rows, 15), time(rows, 16), rows.getString(17)));
                }
                return posts;
            }
        }
    }

    private static Map<Long, List<LegacyReport>> reports(Connection connection, String where, Binder binder)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REPORT_COLUMNS + where)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                var byPost = new HashMap<Long, List<LegacyReport>>();
                while (rows.next()) {
                    var report = new LegacyReport(rows.getLong(1), rows.getLong(2), integer(rows, 3), rows.getString(4),
                            time(rows, 5), rows.getString(6), rows.getString(7), time(rows, 8), time(rows, 9));
                    byPost.computeIfAbsent(report.postId(), id -> new ArrayList<>()).add(report);
                }
                return byPost;
            }
        }
    }

    static Integer integer(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    static OffsetDateTime time(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class);
    }
}
