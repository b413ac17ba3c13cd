package org.moderation.bi.migrator.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The legacy side of a reconciliation, read in the run's snapshot: per bucket of post ids, counts and hashes of the
 * posts' and reports' versions; the versions of one bucket, post by post; and which of some posts exist.
 */
@ApplicationScoped
public class LegacyContentVersions {

    private static final String POST_SUMMARIES = "SELECT id / ?, count(*), sum(" + ContentHash.post("id", "updated_at")
            + ") FROM posts WHERE id NOT IN (SELECT unnest(?::bigint[])) AND id >= ? AND id < ? GROUP BY 1";
    private static final String REPORT_SUMMARIES = "SELECT post_id / ?, count(*), sum("
            + ContentHash.report("id", "post_id", "updated_at")
            + ") FROM post_reports WHERE post_id NOT IN (SELECT unnest(?::bigint[])) AND post_id >= ? AND post_id < ? "
            + "GROUP BY 1";
    private static final String POST_VERSIONS = """
            SELECT id, updated_at FROM posts WHERE id = ANY (?::bigint[]) AND id NOT IN (SELECT unnest(?::bigint[]))""";
    private static final String REPORT_VERSIONS = """
            SELECT id, post_id, updated_at FROM post_reports
            WHERE post_id = ANY (?::bigint[]) AND post_id NOT IN (SELECT unnest(?::bigint[]))""";

    /** Summaries of the posts with ids in [{@code from}, {@code to}), per bucket of {@code bucketSize} ids. */
    public Map<Long, BucketSummary> summaries(LegacySnapshot snapshot, long bucketSize, Collection<Long> leftOut,
            long from, long to) throws SQLException {
        return BucketSummary.query(snapshot.connection(), POST_SUMMARIES, REPORT_SUMMARIES, bucketSize,
                leftOut.toArray(Long[]::new), from, to);
    }

    /** The versions of these posts, those that exist. */
    public Map<Long, PostVersion> versions(LegacySnapshot snapshot, Long[] ids, Collection<Long> leftOut)
            throws SQLException {
        return PostVersion.query(snapshot.connection(), POST_VERSIONS, REPORT_VERSIONS, ids,
                leftOut.toArray(Long[]::new));
    }

    /** How many posts the legacy database has. */
    public long count(LegacySnapshot snapshot) throws SQLException {
        try (var statement = snapshot.connection().createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM posts")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Whether the legacy database has any post at all. */
    public boolean hasPosts(LegacySnapshot snapshot) throws SQLException {
        try (var statement = snapshot.connection().createStatement();
             var rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM posts)")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** Those of {@code ids} that are posts in the snapshot. */
    public List<Long> existing(LegacySnapshot snapshot, Collection<Long> ids) throws SQLException {
        try (var statement = snapshot.connection().prepareStatement("SELECT id FROM posts WHERE id = ANY (?)")) {
            statement.setArray(1, snapshot.connection().createArrayOf("int8", ids.toArray()));
            try (var rows = statement.executeQuery()) {
                var existing = new ArrayList<Long>();
                while (rows.next()) {
                    existing.add(rows.getLong(1));
                }
                return existing;
            }
        }
    }
}
