package org.moderation.bi.migrator.legacy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A bucket of legacy post ids summarised the same way on both sides: how many posts and reports, and an
 * order-independent hash of their versions ({@link ContentHash}). Equal summaries mean, but for a hash collision,
 * equal content; the audit's per-submission comparison is there for the rest.
 */
public record BucketSummary(long posts, BigDecimal postsHash, long reports, BigDecimal reportsHash) {

    private static final BucketSummary EMPTY = new BucketSummary(0, BigDecimal.ZERO, 0, BigDecimal.ZERO);

    /** Every post id: the range of a whole-table summary. */
    public static final long FIRST_ID = Long.MIN_VALUE;
    public static final long AFTER_LAST_ID = Long.MAX_VALUE;

    /**
     * Runs a side's two summary queries, each with the parameters (bucket size, ids to leave out, first id, id after
     * the last) and the columns (bucket, count, hash sum), and joins them by bucket.
     */
    public static Map<Long, BucketSummary> query(Connection connection, String postsSql, String reportsSql,
            long bucketSize, Long[] leftOut, long from, long to) throws SQLException {
        var summaries = new HashMap<Long, BucketSummary>();
        for (String sql : new String[] {postsSql, reportsSql}) {
            boolean posts = sql.equals(postsSql);
            try (var statement = connection.prepareStatement(sql)) {
                statement.setLong(1, bucketSize);
                statement.setArray(2, connection.createArrayOf("int8", leftOut));
                statement.setLong(3, from);
                statement.setLong(4, to);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        BucketSummary current = summaries.getOrDefault(rows.getLong(1), EMPTY);
                        summaries.put(rows.getLong(1), posts
                                ? new BucketSummary(rows.getLong(2), rows.getBigDecimal(3), current.reports,
                                        current.reportsHash)
                                : new BucketSummary(current.posts, current.postsHash, rows.getLong(2),
                                        rows.getBigDecimal(3)));
                    }
                }
            }
        }
        return summaries;
    }

    /**
     * Reads summaries that one query gives whole (bucket, posts, posts hash, reports, reports hash), with the
     * parameters (buckets per bucket, ids to leave out).
     */
    public static Map<Long, BucketSummary> kept(Connection connection, String sql, long bucketsPerBucket,
            Long[] leftOut) throws SQLException {
        var summaries = new HashMap<Long, BucketSummary>();
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, bucketsPerBucket);
            statement.setArray(2, connection.createArrayOf("int8", leftOut));
            statement.setArray(3, connection.createArrayOf("int8", leftOut));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    summaries.put(rows.getLong(1), new BucketSummary(rows.getLong(2), rows.getBigDecimal(3),
                            rows.getLong(4), rows.getBigDecimal(5)));
                }
            }
        }
        return summaries;
    }

    public static BucketSummary orEmpty(BucketSummary summary) {
        return summary == null ? EMPTY : summary;
    }
}
