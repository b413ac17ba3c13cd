package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.migrator.validation.CheckResult.Category;

/** Counts per entity, orphans, id-mapping coverage, complete bundles and the quarantine. */
@ApplicationScoped
public class StructuralChecks {

    /** Rows whose parent is missing or (for reports) no longer live. */
    private static final Map<String, String> ORPHANS = orphanQueries();

    /** Rows without their mapping, and mappings without their row, per entity. */
    private static final Map<String, String> MAPPINGS = mappingQueries();

    private final AgroalDataSource legacy;
    private final AgroalDataSource target;

    public StructuralChecks(@DataSource("legacy") AgroalDataSource legacy, AgroalDataSource target) {
        this.legacy = legacy;
        this.target = target;
    }

    /** @param leftOut legacy post ids left out of the counts (quarantined, or changed since the run began) */
    public List<CheckResult> run(Long[] leftOut) throws SQLException {
        Map<String, Long> legacyCounts = new LinkedHashMap<>();
        try (Connection connection = legacy.getConnection()) {
            legacyCounts.put("communities", count(connection, "SELECT count(*) FROM communities", null));
            legacyCounts.put("users", count(connection, "SELECT count(*) FROM app_users", null));
            legacyCounts.put("submissions", count(connection,
                    "SELECT count(*) FROM posts WHERE id NOT IN (SELECT unnest(?::bigint[]))", leftOut));
            legacyCounts.put("reports", count(connection,
                    "SELECT count(*) FROM post_reports WHERE post_id NOT IN (SELECT unnest(?::bigint[]))", leftOut));
        }
        try (Connection connection = target.getConnection()) {
            Map<String, Long> targetCounts = new LinkedHashMap<>();
            targetCounts.put("communities", count(connection, "SELECT count(*) FROM communities", null));
            targetCounts.put("users", count(connection, "SELECT count(*) FROM users", null));
            targetCounts.put("submissions", count(connection, """
                    SELECT count(*) FROM submissions
                    WHERE deleted_at IS NULL AND legacy_id NOT IN (SELECT unnest(?::bigint[]))""", leftOut));
            targetCounts.put("reports", count(connection, """
                    SELECT count(*) FROM reports r JOIN submissions s ON s.id = r.submission_id
                    WHERE r.deleted_at IS NULL AND s.deleted_at IS NULL
                      AND s.legacy_id NOT IN (SELECT unnest(?::bigint[]))""", leftOut));
            Map<String, Long> orphans = countAll(connection, ORPHANS);
            Map<String, Long> mappings = countAll(connection, MAPPINGS);
            Map<String, Long> incomplete = countAll(connection, Map.of(
                    "post_data", missingChild("post_data"),
                    "submission_metadata", missingChild("submission_metadata"),
                    "legacy_raw", missingChild("legacy_raw")));
            Map<String, Long> quarantineReasons = new TreeMap<>();
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("""
                         SELECT reason_code, count(*) FROM quarantine GROUP BY reason_code""")) {
                while (rows.next()) {
                    quarantineReasons.put(rows.getString(1), rows.getLong(2));
                }
            }
            long quarantinedTotal = quarantineReasons.values().stream().mapToLong(Long::longValue).sum();
            return List.of(
                    CheckResult.compare("live_row_counts", Category.STRUCTURAL, legacyCounts, targetCounts,
                            "legacy rows vs migrated live rows per entity"),
                    CheckResult.zero("orphan_rows", Category.STRUCTURAL, sum(orphans),
                            "rows whose parent is missing: " + orphans),
                    CheckResult.zero("id_mapping_coverage", Category.STRUCTURAL, sum(mappings),
                            "every migrated row has its mapping and every mapping its row: " + mappings),
                    CheckResult.zero("complete_bundles", Category.STRUCTURAL, sum(incomplete),
                            "live submissions missing part of their bundle: " + incomplete),
                    new CheckResult("quarantine", Category.STRUCTURAL,
                            quarantinedTotal == 0 ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, 0L,
                            quarantineReasons, quarantinedTotal == 0 ? "no legacy row is quarantined"
                                    : quarantinedTotal + " legacy posts are quarantined and missing from every number"));
        }
    }

    private static Map<String, String> orphanQueries() {
        var queries = new LinkedHashMap<String, String>();
        for (String child : List.of("post_data", "submission_metadata", "legacy_raw", "analysis",
                "submission_hashtags", "submission_categories", "reports")) {
            queries.put(child, "SELECT count(*) FROM " + child
                    + " x WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = x.submission_id)");
        }
        queries.put("submission_hashtags.hashtag", """
                SELECT count(*) FROM submission_hashtags x WHERE NOT EXISTS (SELECT 1 FROM hashtags h WHERE h.id = x.hashtag_id)""");
        queries.put("submission_categories.category", """
                SELECT count(*) FROM submission_categories x
                WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.id = x.category_id)""");
        queries.put("submissions.community", """
                SELECT count(*) FROM submissions x WHERE x.community_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM communities c WHERE c.id = x.community_id)""");
        queries.put("reports.live_submission", """
                SELECT count(*) FROM reports r JOIN submissions s ON s.id = r.submission_id
                WHERE r.deleted_at IS NULL AND s.deleted_at IS NOT NULL""");
        return queries;
    }

    private static Map<String, String> mappingQueries() {
        var queries = new LinkedHashMap<String, String>();
        Map<String, String> tables = Map.of("community", "communities", "user", "users", "submission", "submissions",
                "report", "reports");
        new TreeMap<>(tables).forEach((entity, table) -> {
            queries.put(table + " without mapping", "SELECT count(*) FROM " + table + " x WHERE NOT EXISTS (SELECT 1 "
                    + "FROM id_mappings m WHERE m.entity = '" + entity + "' AND m.legacy_id = x.legacy_id AND m.new_id = x.id)");
            queries.put(entity + " mappings without row", "SELECT count(*) FROM id_mappings m WHERE m.entity = '"
                    + entity + "' AND NOT EXISTS (SELECT 1 FROM " + table + " x WHERE x.id = m.new_id AND x.legacy_id = m.legacy_id)");
        });
        return queries;
    }

    private static String missingChild(String table) {
        return "SELECT count(*) FROM submissions s WHERE s.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM " + table
                + " x WHERE x.submission_id = s.id)";
    }

    private static Map<String, Long> countAll(Connection connection, Map<String, String> queries) throws SQLException {
        var counts = new TreeMap<String, Long>();
        for (var query : queries.entrySet()) {
            counts.put(query.getKey(), count(connection, query.getValue(), null));
        }
        return counts;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    static long count(Connection connection, String sql, Long[] ids) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            if (ids != null) {
                statement.setArray(1, connection.createArrayOf("int8", ids));
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
