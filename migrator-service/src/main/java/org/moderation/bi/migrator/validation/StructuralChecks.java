package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.validation.CheckResult.Category;

/**
 * Counts per entity, orphans, id-mapping coverage, complete bundles and the quarantine. The counts always cover
 * everything; orphans, mappings and bundles cover every row in an audit, and the submissions a delta changed
 * otherwise (with their reports).
 */
@ApplicationScoped
public class StructuralChecks {

    /** Restricts a query on a table aliased x with a submission_id column to the submissions in scope. */
    private static final String SUBMISSION_IN_SCOPE =
            " AND x.submission_id IN (SELECT id FROM submissions WHERE legacy_id = ANY (?))";

    private final AgroalDataSource target;

    public StructuralChecks(AgroalDataSource target) {
        this.target = target;
    }

    /**
     * @param leftOut legacy post ids left out of the counts (quarantined)
     * @param scope   the legacy post ids whose rows are checked, or null for every row
     */
    public List<CheckResult> run(LegacySnapshot snapshot, Long[] leftOut, Long[] scope) throws SQLException {
        Map<String, Long> legacyCounts = new LinkedHashMap<>();
        Connection legacy = snapshot.connection();
        legacyCounts.put("communities", count(legacy, "SELECT count(*) FROM communities"));
        legacyCounts.put("users", count(legacy, "SELECT count(*) FROM app_users"));
        legacyCounts.put("submissions", count(legacy,
                "SELECT count(*) FROM posts WHERE id NOT IN (SELECT unnest(?::bigint[]))", leftOut));
        legacyCounts.put("reports", count(legacy,
                "SELECT count(*) FROM post_reports WHERE post_id NOT IN (SELECT unnest(?::bigint[]))", leftOut));
        try (Connection connection = target.getConnection()) {
            Map<String, Long> targetCounts = new LinkedHashMap<>();
            targetCounts.put("communities", count(connection, "SELECT count(*) FROM communities"));
            targetCounts.put("users", count(connection, "SELECT count(*) FROM users"));
            targetCounts.put("submissions", count(connection, """
                    SELECT count(*) FROM submissions
                    WHERE deleted_at IS NULL AND legacy_id NOT IN (SELECT unnest(?::bigint[]))""", leftOut));
            // Live reports belong to live submissions (reports go and come back with theirs; the orphan check below
            // says so), so the left-out posts' reports are found by id instead of joining every report.
            targetCounts.put("reports", count(connection, """
                    SELECT count(*) FROM reports
                    WHERE deleted_at IS NULL
                      AND submission_id NOT IN (SELECT id FROM submissions WHERE legacy_id = ANY (?::bigint[]))""",
                    leftOut));
            Map<String, Long> orphans = countAll(connection, orphanQueries(scope != null), scope);
            Map<String, Long> mappings = countAll(connection, mappingQueries(scope != null), scope);
            Map<String, Long> incomplete = countAll(connection, bundleQueries(scope != null), scope);
            Map<String, Long> quarantineReasons = new TreeMap<>();
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT reason_code, count(*) FROM quarantine GROUP BY reason_code")) {
                while (rows.next()) {
                    quarantineReasons.put(rows.getString(1), rows.getLong(2));
                }
            }
            long quarantinedTotal = quarantineReasons.values().stream().mapToLong(Long::longValue).sum();
            String rows = scope == null ? "rows" : "rows of the changed submissions";
            return List.of(
                    CheckResult.compare("live_row_counts", Category.STRUCTURAL, legacyCounts, targetCounts,
                            "legacy rows vs migrated live rows per entity"),
                    CheckResult.zero("orphan_rows", Category.STRUCTURAL, sum(orphans),
                            rows + " whose parent is missing: " + orphans),
                    CheckResult.zero("id_mapping_coverage", Category.STRUCTURAL, sum(mappings),
                            "every migrated row has its mapping and every mapping its row (" + rows + "): "
                                    + mappings),
                    CheckResult.zero("complete_bundles", Category.STRUCTURAL, sum(incomplete),
                            "live submissions missing part of their bundle (" + rows + "): " + incomplete),
                    new CheckResult("quarantine", Category.STRUCTURAL,
                            quarantinedTotal == 0 ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, 0L,
                            quarantineReasons, quarantinedTotal == 0 ? "no legacy row is quarantined"
                                    : quarantinedTotal + " legacy posts are quarantined and missing from every number"));
        }
    }

    /** Scoped: only what a write can get wrong (foreign keys keep the rest from ever being orphaned). */
    private static Map<String, String> orphanQueries(boolean scoped) {
        var queries = new LinkedHashMap<String, String>();
        queries.put("reports.live_submission", """
                SELECT count(*) FROM reports x JOIN submissions s ON s.id = x.submission_id
                WHERE x.deleted_at IS NULL AND s.deleted_at IS NOT NULL""" + (scoped ? SUBMISSION_IN_SCOPE : ""));
        if (scoped) {
            return queries;
        }
        for (String child : List.of("post_data", "submission_metadata", "legacy_raw", "analysis",
                "submission_hashtags", "submission_categories", "reports")) {
            queries.put(child, "SELECT count(*) FROM " + child
                    + " x WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = x.submission_id)");
        }
        queries.put("submission_hashtags.hashtag", """
                SELECT count(*) FROM submission_hashtags x
                WHERE NOT EXISTS (SELECT 1 FROM hashtags h WHERE h.id = x.hashtag_id)""");
        queries.put("submission_categories.category", """
                SELECT count(*) FROM submission_categories x
                WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.id = x.category_id)""");
        queries.put("submissions.community", """
                SELECT count(*) FROM submissions x WHERE x.community_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM communities c WHERE c.id = x.community_id)""");
        return queries;
    }

    /** Scoped: the changed submissions and their reports have their mappings (communities and users are few). */
    private static Map<String, String> mappingQueries(boolean scoped) {
        var queries = new LinkedHashMap<String, String>();
        Map<String, String> tables = Map.of("community", "communities", "user", "users", "submission", "submissions",
                "report", "reports");
        new TreeMap<>(tables).forEach((entity, table) -> {
            String inScope = !scoped ? "" : switch (entity) {
                case "submission" -> " AND x.legacy_id = ANY (?)";
                case "report" -> SUBMISSION_IN_SCOPE;
                default -> "";
            };
            queries.put(table + " without mapping", "SELECT count(*) FROM " + table + " x WHERE NOT EXISTS (SELECT 1 "
                    + "FROM id_mappings m WHERE m.entity = '" + entity + "' AND m.legacy_id = x.legacy_id AND m.new_id = x.id)"
                    + inScope);
            if (!scoped) {
                queries.put(entity + " mappings without row", "SELECT count(*) FROM id_mappings m WHERE m.entity = '"
                        + entity + "' AND NOT EXISTS (SELECT 1 FROM " + table
                        + " x WHERE x.id = m.new_id AND x.legacy_id = m.legacy_id)");
            }
        });
        return queries;
    }

    private static Map<String, String> bundleQueries(boolean scoped) {
        var queries = new LinkedHashMap<String, String>();
        for (String part : List.of("post_data", "submission_metadata", "legacy_raw")) {
            queries.put(part, "SELECT count(*) FROM submissions x WHERE x.deleted_at IS NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM " + part + " p WHERE p.submission_id = x.id)"
                    + (scoped ? " AND x.legacy_id = ANY (?)" : ""));
        }
        return queries;
    }

    /** Each query takes the scope as its one parameter when it has one. */
    private static Map<String, Long> countAll(Connection connection, Map<String, String> queries, Long[] scope)
            throws SQLException {
        var counts = new TreeMap<String, Long>();
        for (var query : queries.entrySet()) {
            boolean bound = query.getValue().contains("?");
            counts.put(query.getKey(), bound ? count(connection, query.getValue(), scope)
                    : count(connection, query.getValue()));
        }
        return counts;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long count(Connection connection, String sql, Long[]... ids) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.length; i++) {
                statement.setArray(i + 1, connection.createArrayOf("int8", ids[i]));
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
