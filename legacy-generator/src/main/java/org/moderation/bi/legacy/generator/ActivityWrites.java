package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The statements the old app ran during the day. INSERTs set updated_at themselves (the trigger
 * only fires on UPDATE), never earlier than the transaction's now(), as the app did.
 */
final class ActivityWrites {

    /** The review workflow's next step; a removed post going back to 'reported' means the platform restored it. */
    static final String NEXT_STATUS_SQL = "UPDATE posts SET status = CASE status "
            + "WHEN 'new' THEN 'in_review' WHEN 'in_review' THEN 'reported' WHEN 'reported' THEN 'rejected' "
            + "WHEN 'rejected' THEN 'in_review' WHEN 'duplicate' THEN 'rejected' WHEN 'removed' THEN 'reported' "
            + "ELSE 'in_review' END WHERE id = ?";
    private static final String INSERT_POST = "INSERT INTO posts (community_id, submitted_by, url, platform, "
            + "content_text, author_handle, posted_at, status, removed_at, categories, hashtags, analysis, extra, "
            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, "
            + "greatest(?, now())) RETURNING id";
    private static final String INSERT_REPORT = "INSERT INTO post_reports (post_id, reported_by, channel, "
            + "reported_at, platform_ticket, outcome, taken_down_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, greatest(?, now())) RETURNING id";
    private static final String REPORT_EXISTING_POST = "INSERT INTO post_reports (post_id, reported_by, channel, "
            + "reported_at, platform_ticket, outcome, taken_down_at, updated_at) "
            + "SELECT p.id, ?, ?, greatest(p.created_at, ?), ?, 'removed', greatest(p.created_at, ?), "
            + "greatest(?, now()) FROM posts p WHERE p.id = ? RETURNING id";
    private static final String EDIT_CATEGORIES = "UPDATE posts SET categories = CASE WHEN categories IS NULL "
            + "OR btrim(categories) = '' THEN ? ELSE categories || ';' || ? END WHERE id = ?";
    private static final String EDIT_HASHTAGS = "UPDATE posts SET hashtags = CASE WHEN hashtags IS NULL "
            + "OR btrim(hashtags) = '' THEN ? ELSE hashtags || ? || ? END WHERE id = ?";
    private static final String LEGACY_REMOVAL = "UPDATE posts SET removed_at = greatest(created_at, ?), "
            + "status = 'removed' WHERE id = ?";
    private static final String RESOLVE_REPORT = "UPDATE post_reports SET outcome = 'removed', "
            + "taken_down_at = greatest(reported_at, ?) WHERE id = ?";

    private final Connection c;

    ActivityWrites(Connection c) {
        this.c = c;
    }

    long insertPost(LegacyPost p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_POST)) {
            integer(ps, 1, p.communityId());
            integer(ps, 2, p.submittedBy());
            ps.setString(3, p.url());
            ps.setString(4, p.platform());
            ps.setString(5, p.contentText());
            ps.setString(6, p.authorHandle());
            timestamp(ps, 7, p.postedAt());
            ps.setString(8, p.status());
            timestamp(ps, 9, p.removedAt());
            ps.setString(10, p.categories());
            ps.setString(11, p.hashtags());
            ps.setString(12, p.analysis());
            ps.setString(13, p.extra());
            timestamp(ps, 14, p.createdAt());
            timestamp(ps, 15, p.updatedAt());
            return returnedId(ps);
        }
    }

    long insertReport(long postId, LegacyReport r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_REPORT)) {
            ps.setLong(1, postId);
            integer(ps, 2, r.reportedBy());
            ps.setString(3, r.channel());
            timestamp(ps, 4, r.reportedAt());
            ps.setString(5, r.platformTicket());
            ps.setString(6, r.outcome());
            timestamp(ps, 7, r.takenDownAt());
            timestamp(ps, 8, r.updatedAt());
            return returnedId(ps);
        }
    }

    /** A new-flow report with a takedown on a post that already exists. */
    long reportExistingPost(long postId, int reportedBy, String channel, Instant reportedAt, String ticket,
            Instant takenDownAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REPORT_EXISTING_POST)) {
            ps.setInt(1, reportedBy);
            ps.setString(2, channel);
            timestamp(ps, 3, reportedAt);
            ps.setString(4, ticket);
            timestamp(ps, 5, takenDownAt);
            timestamp(ps, 6, takenDownAt);
            ps.setLong(7, postId);
            return returnedId(ps);
        }
    }

    void nextStatus(long postId) throws SQLException {
        update(NEXT_STATUS_SQL, ps -> ps.setLong(1, postId));
    }

    void addCategory(long postId, String code) throws SQLException {
        update(EDIT_CATEGORIES, ps -> {
            ps.setString(1, code);
            ps.setString(2, code);
            ps.setLong(3, postId);
        });
    }

    void addHashtag(long postId, String separator, String tag) throws SQLException {
        update(EDIT_HASHTAGS, ps -> {
            ps.setString(1, tag);
            ps.setString(2, separator);
            ps.setString(3, tag);
            ps.setLong(4, postId);
        });
    }

    void legacyRemoval(long postId, Instant removedAt) throws SQLException {
        update(LEGACY_REMOVAL, ps -> {
            timestamp(ps, 1, removedAt);
            ps.setLong(2, postId);
        });
    }

    void resolveReport(long reportId, Instant takenDownAt) throws SQLException {
        update(RESOLVE_REPORT, ps -> {
            timestamp(ps, 1, takenDownAt);
            ps.setLong(2, reportId);
        });
    }

    void deletePosts(List<Long> ids) throws SQLException {
        update("DELETE FROM posts WHERE id = ANY (?)",
                ps -> ps.setArray(1, c.createArrayOf("bigint", ids.toArray())));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        }
    }

    private static long returnedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("INSERT returned no id");
            }
            return rs.getLong(1);
        }
    }

    private static void integer(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static void timestamp(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
