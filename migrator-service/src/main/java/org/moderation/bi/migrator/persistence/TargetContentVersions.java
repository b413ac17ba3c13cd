package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.legacy.BucketSummary;
import org.moderation.bi.migrator.legacy.ContentHash;
import org.moderation.bi.migrator.legacy.PostVersion;

/**
 * Which version of each legacy post the target holds, in the same terms as the legacy side: what a delta compares
 * to rewrite only posts that changed, and what a reconciliation summarises per bucket. Only live submissions and
 * reports count; quarantined posts never count as up to date.
 */
@ApplicationScoped
public class TargetContentVersions {

    private static final String POST_SUMMARIES = "SELECT legacy_id / ?, count(*), sum("
            + ContentHash.post("legacy_id", "legacy_updated_at") + ") FROM submissions "
            + "WHERE deleted_at IS NULL AND legacy_id NOT IN (SELECT unnest(?::bigint[])) AND legacy_id >= ? "
            + "AND legacy_id < ? GROUP BY 1";
    private static final String REPORT_SUMMARIES = "SELECT s.legacy_id / ?, count(*), sum("
            + ContentHash.report("r.legacy_id", "s.legacy_id", "r.legacy_updated_at") + ") "
            + "FROM reports r JOIN submissions s ON s.id = r.submission_id "
            + "WHERE r.deleted_at IS NULL AND s.deleted_at IS NULL AND s.legacy_id NOT IN (SELECT unnest(?::bigint[])) "
            + "AND s.legacy_id >= ? AND s.legacy_id < ? GROUP BY 1";
    private static final String POST_VERSIONS = """
            SELECT legacy_id, legacy_updated_at FROM submissions
            WHERE legacy_id = ANY (?::bigint[]) AND deleted_at IS NULL AND legacy_id NOT IN (SELECT unnest(?::bigint[]))""";
    private static final String REPORT_VERSIONS = """
            SELECT r.legacy_id, s.legacy_id, r.legacy_updated_at
            FROM submissions s JOIN reports r ON r.submission_id = s.id
            WHERE s.legacy_id = ANY (?::bigint[]) AND s.deleted_at IS NULL AND r.deleted_at IS NULL
              AND s.legacy_id NOT IN (SELECT unnest(?::bigint[]))""";

    /**
     * The buckets the triggers of V8 keep (100 legacy ids each) summed into buckets of the size asked for, less what
     * the posts left out contribute: a few thousand rows read, whatever the size of the target.
     */
    private static final String KEPT_SUMMARIES = """
            SELECT bucket / ?, sum(posts), sum(posts_hash), sum(reports), sum(reports_hash) FROM (
                SELECT bucket, posts, posts_hash, reports, reports_hash FROM reconciliation_buckets
                UNION ALL
                SELECT legacy_id / 100, -1, -post_version_hash(legacy_id, legacy_updated_at)::numeric, 0, 0
                FROM submissions WHERE deleted_at IS NULL AND legacy_id = ANY (?)
                UNION ALL
                SELECT s.legacy_id / 100, 0, 0, -1,
                       -report_version_hash(r.legacy_id, s.legacy_id, r.legacy_updated_at)::numeric
                FROM reports r JOIN submissions s ON s.id = r.submission_id
                WHERE r.deleted_at IS NULL AND s.deleted_at IS NULL AND s.legacy_id = ANY (?)
            ) AS kept
            GROUP BY 1
            HAVING sum(posts) <> 0 OR sum(reports) <> 0 OR sum(posts_hash) <> 0 OR sum(reports_hash) <> 0""";
    /** The granularity of the kept buckets. */
    private static final long KEPT_BUCKET = 100;

    /**
     * Summaries of the live submissions with legacy ids in [{@code from}, {@code to}), per bucket: of the whole
     * target from the kept buckets when the bucket size is a multiple of theirs, by scanning the rows otherwise.
     */
    public Map<Long, BucketSummary> summaries(Connection connection, long bucketSize, Collection<Long> leftOut,
            long from, long to) throws SQLException {
        Long[] left = leftOut.toArray(Long[]::new);
        if (from == BucketSummary.FIRST_ID && to == BucketSummary.AFTER_LAST_ID && bucketSize % KEPT_BUCKET == 0) {
            return BucketSummary.kept(connection, KEPT_SUMMARIES, bucketSize / KEPT_BUCKET, left);
        }
        return BucketSummary.query(connection, POST_SUMMARIES, REPORT_SUMMARIES, bucketSize, left, from, to);
    }

    /** How many submissions are live, from the kept buckets: a few thousand rows read, whatever the target's size. */
    public long liveSubmissions(Connection connection) throws SQLException {
        return sumOfBuckets(connection, "posts");
    }

    public long liveReports(Connection connection) throws SQLException {
        return sumOfBuckets(connection, "reports");
    }

    /** {@code column} is one of the two constants above. */
    private static long sumOfBuckets(Connection connection, String column) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT coalesce(sum(" + column + "), 0) FROM reconciliation_buckets")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The versions of the live submissions of these legacy posts. */
    public Map<Long, PostVersion> versions(Connection connection, Long[] legacyIds, Collection<Long> leftOut)
            throws SQLException {
        return PostVersion.query(connection, POST_VERSIONS, REPORT_VERSIONS, legacyIds, leftOut.toArray(Long[]::new));
    }

    /** Those of these legacy posts whose submission is soft-deleted. */
    public List<Long> softDeleted(Connection connection, Long[] legacyIds) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT legacy_id FROM submissions WHERE legacy_id = ANY (?::bigint[]) AND deleted_at IS NOT NULL""")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIds));
            try (var rows = statement.executeQuery()) {
                var ids = new ArrayList<Long>();
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
                return ids;
            }
        }
    }

    /** The versions the target holds of these legacy posts: live, not quarantined. */
    public Map<Long, PostVersion> of(Connection connection, Long[] legacyIds) throws SQLException {
        // Two index-driven queries, not one join: a join's plan for a large chunk may scan all of reports.
        var versions = new HashMap<Long, PostVersion>();
        var legacyIdBySubmission = new HashMap<Long, Long>();
        try (var statement = connection.prepareStatement("""
                SELECT s.id, s.legacy_id, s.legacy_updated_at FROM submissions s
                WHERE s.legacy_id = ANY (?) AND s.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.entity = 'submission' AND q.legacy_id = s.legacy_id)""")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIds));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    legacyIdBySubmission.put(rows.getLong(1), rows.getLong(2));
                    versions.put(rows.getLong(2),
                            new PostVersion(rows.getObject(3, OffsetDateTime.class).toInstant(), new HashMap<>()));
                }
            }
        }
        try (var statement = connection.prepareStatement("""
                SELECT submission_id, legacy_id, legacy_updated_at FROM reports
                WHERE submission_id = ANY (?) AND deleted_at IS NULL""")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIdBySubmission.keySet().toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.get(legacyIdBySubmission.get(rows.getLong(1))).reports()
                            .put(rows.getLong(2), rows.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
        }
        return versions;
    }

    /** The highest legacy post id the target has met, loaded or quarantined: posts above it are new. */
    public long highestKnownLegacyId(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT greatest((SELECT max(legacy_id) FROM id_mappings WHERE entity = 'submission'),
                                     (SELECT max(legacy_id) FROM quarantine WHERE entity = 'submission'), 0)""")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
