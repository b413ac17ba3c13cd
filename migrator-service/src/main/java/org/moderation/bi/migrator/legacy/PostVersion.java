package org.moderation.bi.migrator.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which version of a legacy post a side holds: the post's updated_at and, per report id, the report's updated_at (the
 * legacy trigger moves updated_at on every UPDATE). Equal versions mean equal content, whatever order they were
 * committed in; a report moved to another post changes both posts' versions.
 */
public record PostVersion(Instant postUpdatedAt, Map<Long, Instant> reports) {

    public static PostVersion of(LegacyPostWithReports legacy) {
        var reports = new HashMap<Long, Instant>();
        for (LegacyReport report : legacy.reports()) {
            reports.put(report.id(), report.updatedAt().toInstant());
        }
        return new PostVersion(legacy.post().updatedAt().toInstant(), reports);
    }

    /**
     * The versions of these legacy posts on one side: {@code postsSql} returns (post id, updated_at) and
     * {@code reportsSql} (report id, post id, updated_at), each with the parameters (post ids, ids to leave out).
     */
    public static Map<Long, PostVersion> query(Connection connection, String postsSql, String reportsSql, Long[] ids,
            Long[] leftOut) throws SQLException {
        var versions = new HashMap<Long, PostVersion>();
        try (var posts = connection.prepareStatement(postsSql);
             var reports = connection.prepareStatement(reportsSql)) {
            for (var statement : List.of(posts, reports)) {
                statement.setArray(1, connection.createArrayOf("int8", ids));
                statement.setArray(2, connection.createArrayOf("int8", leftOut));
            }
            try (var rows = posts.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getLong(1),
                            new PostVersion(rows.getObject(2, OffsetDateTime.class).toInstant(), new HashMap<>()));
                }
            }
            try (var rows = reports.executeQuery()) {
                while (rows.next()) {
                    PostVersion post = versions.get(rows.getLong(2));
                    if (post != null) {
                        post.reports().put(rows.getLong(1), rows.getObject(3, OffsetDateTime.class).toInstant());
                    }
                }
            }
        }
        return versions;
    }
}
