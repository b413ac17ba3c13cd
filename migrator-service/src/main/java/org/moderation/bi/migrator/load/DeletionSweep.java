package org.moderation.bi.migrator.load;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/**
 * Finds legacy posts and reports that were hard-deleted: an anti-join of the target's live legacy ids against the
 * legacy ids, in buckets of {@value #BUCKET} ids. Both sides first summarize each bucket (count, sum of the ids and
 * sum of their hashes, so that different sets of ids practically never summarize alike);
 * only buckets whose summaries differ are compared id by id, so a sweep over a million rows reads two small
 * aggregates and the few buckets where something happened.
 */
@ApplicationScoped
public class DeletionSweep {

    static final long BUCKET = 10_000;

    /** The four queries for one entity; all constants. */
    private record Entity(String legacySummary, String targetSummary, String legacyIds, String targetIds) {
    }

    private static final Entity POSTS = new Entity(
            "SELECT id / %d, count(*), sum(id), sum(hashint8(id)) FROM posts GROUP BY 1".formatted(BUCKET),
            ("SELECT legacy_id / %d, count(*), sum(legacy_id), sum(hashint8(legacy_id)) FROM submissions "
                    + "WHERE deleted_at IS NULL GROUP BY 1").formatted(BUCKET),
            "SELECT id FROM posts WHERE id >= ? AND id < ?",
            "SELECT legacy_id FROM submissions WHERE deleted_at IS NULL AND legacy_id >= ? AND legacy_id < ?");

    private static final Entity REPORTS = new Entity(
            "SELECT id / %d, count(*), sum(id), sum(hashint8(id)) FROM post_reports GROUP BY 1".formatted(BUCKET),
            ("SELECT legacy_id / %d, count(*), sum(legacy_id), sum(hashint8(legacy_id)) FROM reports "
                    + "WHERE deleted_at IS NULL GROUP BY 1").formatted(BUCKET),
            "SELECT id FROM post_reports WHERE id >= ? AND id < ?",
            "SELECT legacy_id FROM reports WHERE deleted_at IS NULL AND legacy_id >= ? AND legacy_id < ?");

    private record Summary(long count, BigDecimal sum, long hashSum) {
    }

    public record Swept(int posts, int reports) {
    }

    private final AgroalDataSource legacy;
    private final AgroalDataSource target;
    private final ChunkCommitter committer;

    public DeletionSweep(@DataSource("legacy") AgroalDataSource legacy, AgroalDataSource target,
            ChunkCommitter committer) {
        this.legacy = legacy;
        this.target = target;
        this.committer = committer;
    }

    public Swept sweep(long runId) throws SQLException {
        int posts = 0;
        for (List<Long> gone : goneByBucket(POSTS)) {
            posts += committer.softDeletePosts(runId, gone);
        }
        int reports = 0;
        for (List<Long> gone : goneByBucket(REPORTS)) {
            reports += committer.softDeleteReports(gone);
        }
        return new Swept(posts, reports);
    }

    private List<List<Long>> goneByBucket(Entity entity) throws SQLException {
        Map<Long, Summary> legacySummary = summaries(legacy, entity.legacySummary());
        Map<Long, Summary> targetSummary = summaries(target, entity.targetSummary());
        var gone = new ArrayList<List<Long>>();
        for (var bucket : targetSummary.entrySet()) {
            if (Objects.equals(bucket.getValue(), legacySummary.get(bucket.getKey()))) {
                continue;
            }
            long from = bucket.getKey() * BUCKET;
            var stillThere = new HashSet<>(ids(legacy, entity.legacyIds(), from));
            List<Long> missing = ids(target, entity.targetIds(), from).stream()
                    .filter(id -> !stillThere.contains(id))
                    .toList();
            if (!missing.isEmpty()) {
                gone.add(missing);
            }
        }
        return gone;
    }

    private static Map<Long, Summary> summaries(AgroalDataSource source, String sql) throws SQLException {
        try (Connection connection = source.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            var summaries = new HashMap<Long, Summary>();
            while (rows.next()) {
                summaries.put(rows.getLong(1), new Summary(rows.getLong(2), rows.getBigDecimal(3), rows.getLong(4)));
            }
            return summaries;
        }
    }

    private static List<Long> ids(AgroalDataSource source, String sql, long from) throws SQLException {
        try (Connection connection = source.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, from);
            statement.setLong(2, from + BUCKET);
            try (var rows = statement.executeQuery()) {
                var ids = new ArrayList<Long>();
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
                return ids;
            }
        }
    }
}
