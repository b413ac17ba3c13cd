package org.moderation.bi.migrator.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test access to the target database: reset it to empty, change it with SQL, and snapshot its content with
 * every surrogate id replaced by the legacy id it stands for, so two loads can be compared table by table.
 */
public final class TargetDatabase {

    /** Per table, its content keyed by legacy ids and ordered; surrogate ids and load timestamps left out. */
    private static final Map<String, String> SNAPSHOT = new LinkedHashMap<>();

    static {
        SNAPSHOT.put("communities", "SELECT legacy_id, name, slug, created_at FROM communities ORDER BY legacy_id");
        SNAPSHOT.put("users", """
                SELECT u.legacy_id, u.email, u.display_name, u.role, c.legacy_id AS community, u.created_at
                FROM users u LEFT JOIN communities c ON c.id = u.community_id ORDER BY u.legacy_id""");
        SNAPSHOT.put("submissions", """
                SELECT s.legacy_id, c.legacy_id AS community, u.legacy_id AS submitted_by, s.url, s.url_host,
                       s.platform, s.platform_detail, s.platform_source, s.status, s.submitted_at,
                       s.legacy_removed_at, s.legacy_updated_at, s.deleted_at IS NOT NULL AS deleted
                FROM submissions s LEFT JOIN communities c ON c.id = s.community_id
                LEFT JOIN users u ON u.id = s.submitted_by ORDER BY s.legacy_id""");
        for (String bundlePart : List.of("post_data", "submission_metadata", "legacy_raw", "analysis")) {
            SNAPSHOT.put(bundlePart, "SELECT s.legacy_id, to_jsonb(x) - 'submission_id' FROM " + bundlePart
                    + " x JOIN submissions s ON s.id = x.submission_id ORDER BY s.legacy_id");
        }
        SNAPSHOT.put("submission_hashtags", """
                SELECT s.legacy_id, h.tag FROM submission_hashtags x JOIN submissions s ON s.id = x.submission_id
                JOIN hashtags h ON h.id = x.hashtag_id ORDER BY 1, 2""");
        SNAPSHOT.put("submission_categories", """
                SELECT s.legacy_id, c.code FROM submission_categories x JOIN submissions s ON s.id = x.submission_id
                JOIN categories c ON c.id = x.category_id ORDER BY 1, 2""");
        SNAPSHOT.put("hashtags", "SELECT tag FROM hashtags ORDER BY tag");
        SNAPSHOT.put("categories", "SELECT code FROM categories ORDER BY code");
        SNAPSHOT.put("reports", """
                SELECT r.legacy_id, s.legacy_id AS post, u.legacy_id AS reported_by, r.channel, r.reported_at,
                       r.platform_ticket, r.outcome, r.taken_down_at, r.legacy_updated_at,
                       r.deleted_at IS NOT NULL AS deleted
                FROM reports r JOIN submissions s ON s.id = r.submission_id
                LEFT JOIN users u ON u.id = r.reported_by ORDER BY r.legacy_id""");
        SNAPSHOT.put("id_mappings", "SELECT entity, legacy_id FROM id_mappings ORDER BY entity, legacy_id");
        SNAPSHOT.put("quarantine", "SELECT entity, legacy_id, reason_code FROM quarantine ORDER BY entity, legacy_id");
        SNAPSHOT.put("mv_submission_facts", """
                SELECT legacy_id, community_slug, platform, platform_detail, status, submitted_at,
                       effective_takedown_at, takedown_source, report_count, category_codes, hashtag_count,
                       analysis_score, hashtags, report_channels, takedown_channel, takedown_reported_at, language,
                       classifier_label
                FROM mv_submission_facts ORDER BY legacy_id""");
        SNAPSHOT.put("mv_submission_search", """
                SELECT s.legacy_id, x.search_config::text, x.document::text, x.author_handle, x.url
                FROM mv_submission_search x JOIN submissions s ON s.id = x.submission_id ORDER BY 1""");
        for (String rollup : List.of("mv_daily_rollup:day", "mv_hourly_rollup:hour", "mv_weekly_rollup:week",
                "mv_monthly_rollup:month")) {
            String[] table = rollup.split(":");
            SNAPSHOT.put(table[0], "SELECT r." + table[1] + ", c.legacy_id AS community, r.platform, r.platform_detail, "
                    + "r.submissions, r.submissions_removed, r.removals, r.removals_report_flow, "
                    + "r.removals_legacy_fallback, r.submissions_removed_14d FROM " + table[0]
                    + " r LEFT JOIN communities c ON c.id = r.community_id ORDER BY 1, 2, 3, 4");
        }
        for (String rollup : List.of("mv_quarter_hourly_by_community_rollup:quarter_hour",
                "mv_daily_by_community_rollup:day",
                "mv_weekly_by_community_rollup:week", "mv_monthly_by_community_rollup:month")) {
            String[] table = rollup.split(":");
            SNAPSHOT.put(table[0], "SELECT r." + table[1] + ", c.legacy_id AS community, r.submissions, "
                    + "r.submissions_removed, r.removals, r.removals_report_flow, r.removals_legacy_fallback, "
                    + "r.submissions_removed_14d FROM " + table[0] + " r LEFT JOIN communities c "
                    + "ON c.id = r.community_id ORDER BY 1, 2");
        }
        for (String rollup : List.of("mv_daily_by_platform_rollup:day", "mv_weekly_by_platform_rollup:week",
                "mv_monthly_by_platform_rollup:month")) {
            String[] table = rollup.split(":");
            SNAPSHOT.put(table[0], "SELECT * FROM " + table[0] + " ORDER BY " + table[1] + ", platform, platform_detail");
        }
        for (String rollup : List.of("mv_daily_by_category_rollup:day:category",
                "mv_weekly_by_category_rollup:week:category", "mv_monthly_by_category_rollup:month:category",
                "mv_daily_by_hashtag_rollup:day:hashtag")) {
            String[] table = rollup.split(":");
            SNAPSHOT.put(table[0], "SELECT * FROM " + table[0] + " ORDER BY " + table[1] + ", " + table[2]);
        }
        for (String rollup : List.of("mv_daily_by_community_and_category_rollup:day",
                "mv_weekly_by_community_and_category_rollup:week",
                "mv_monthly_by_community_and_category_rollup:month")) {
            String[] table = rollup.split(":");
            SNAPSHOT.put(table[0], "SELECT r." + table[1] + ", c.legacy_id AS community, r.category, r.submissions, "
                    + "r.submissions_removed, r.removals, r.removals_report_flow, r.removals_legacy_fallback, "
                    + "r.submissions_removed_14d FROM " + table[0] + " r LEFT JOIN communities c "
                    + "ON c.id = r.community_id ORDER BY 1, 2, 3");
        }
        SNAPSHOT.put("mv_daily_total_rollup", "SELECT * FROM mv_daily_total_rollup ORDER BY day");
        SNAPSHOT.put("mv_hourly_total_rollup", "SELECT * FROM mv_hourly_total_rollup ORDER BY hour");
        SNAPSHOT.put("mv_quarter_hourly_total_rollup",
                "SELECT * FROM mv_quarter_hourly_total_rollup ORDER BY quarter_hour");
    }

    /**
     * The same tables restricted to what is live: soft-deleted rows (kept for audit), their mappings, and
     * dictionary values no live submission uses any more are what a delta-maintained target legitimately has on
     * top of a fresh full load.
     */
    private static final Map<String, String> LIVE_SNAPSHOT = new LinkedHashMap<>();

    static {
        String liveSubmission = "(SELECT id FROM submissions WHERE deleted_at IS NULL)";
        LIVE_SNAPSHOT.putAll(SNAPSHOT);
        LIVE_SNAPSHOT.put("submissions", SNAPSHOT.get("submissions")
                .replace("ORDER BY s.legacy_id", "WHERE s.deleted_at IS NULL ORDER BY s.legacy_id"));
        for (String bundlePart : List.of("post_data", "submission_metadata", "legacy_raw", "analysis")) {
            LIVE_SNAPSHOT.put(bundlePart, SNAPSHOT.get(bundlePart)
                    .replace("ORDER BY", "WHERE s.deleted_at IS NULL ORDER BY"));
        }
        for (String links : List.of("submission_hashtags", "submission_categories")) {
            LIVE_SNAPSHOT.put(links, SNAPSHOT.get(links).replace("ORDER BY", "WHERE s.deleted_at IS NULL ORDER BY"));
        }
        LIVE_SNAPSHOT.put("hashtags", "SELECT DISTINCT h.tag FROM hashtags h JOIN submission_hashtags x ON "
                + "x.hashtag_id = h.id WHERE x.submission_id IN " + liveSubmission + " ORDER BY 1");
        LIVE_SNAPSHOT.put("categories", "SELECT DISTINCT c.code FROM categories c JOIN submission_categories x ON "
                + "x.category_id = c.id WHERE x.submission_id IN " + liveSubmission + " ORDER BY 1");
        LIVE_SNAPSHOT.put("reports", SNAPSHOT.get("reports").replace("ORDER BY r.legacy_id",
                "WHERE r.deleted_at IS NULL ORDER BY r.legacy_id"));
        LIVE_SNAPSHOT.put("id_mappings", """
                SELECT m.entity, m.legacy_id FROM id_mappings m
                WHERE m.entity IN ('community', 'user')
                   OR m.entity = 'submission' AND m.new_id IN (SELECT id FROM submissions WHERE deleted_at IS NULL)
                   OR m.entity = 'report' AND m.new_id IN (SELECT id FROM reports WHERE deleted_at IS NULL)
                ORDER BY 1, 2""");
    }

    private TargetDatabase() {
    }

    /**
     * Empties every table the migrator writes, the read model (every declared rollup) and where the stream stands, as
     * before a first load.
     */
    public static void reset() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            String rollups;
            try (var rows = statement.executeQuery("SELECT string_agg(relation, ', ') FROM read_model_rollups")) {
                rows.next();
                rollups = rows.getString(1);
            }
            statement.execute("""
                    TRUNCATE communities, users, submissions, post_data, submission_metadata, hashtags,
                             submission_hashtags, categories, submission_categories, analysis, legacy_raw, reports,
                             id_mappings, migration_runs, validation_results, quarantine, read_model_rebuilds,
                             mv_submission_facts, mv_submission_search, search_configurations, mv_seen_values,
                             read_model_partitions, stream_state, stream_applied_transactions,
                             %s
                    RESTART IDENTITY CASCADE""".formatted(rollups));
            statement.execute("UPDATE read_model_version SET version = 1, changed_at = now()");
        }
    }

    /**
     * A soft-deleted submission of a post the legacy database never had: the target holds data, so a full load keeps
     * the read model current chunk by chunk instead of loading in bulk. Live rows and the read model stay as they are.
     */
    public static void holdData() throws SQLException {
        execute("""
                WITH held AS (
                    INSERT INTO submissions (legacy_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_updated_at, deleted_at, last_run_id)
                    VALUES (900000000, 'unknown', 'unknown', 'none', 'new', now(), now(), now(), 0)
                    RETURNING id, legacy_id)
                INSERT INTO id_mappings (entity, legacy_id, new_id, run_id) SELECT 'submission', legacy_id, id, 0
                FROM held""");
    }

    /** The rows of a query, each as its columns joined by " | ". */
    public static List<String> rows(String sql) throws SQLException {
        return snapshot(LegacyAndTargetDatabases.targetUrl(), Map.of("rows", sql)).get("rows");
    }

    public static Map<String, List<String>> snapshot() throws SQLException {
        return snapshot(LegacyAndTargetDatabases.targetUrl(), SNAPSHOT);
    }

    public static Map<String, List<String>> liveSnapshot() throws SQLException {
        return liveSnapshot(LegacyAndTargetDatabases.targetUrl());
    }

    /** For a target database other than the test resource's. */
    public static Map<String, List<String>> liveSnapshot(String targetUrl) throws SQLException {
        return snapshot(targetUrl, LIVE_SNAPSHOT);
    }

    private static Map<String, List<String>> snapshot(String targetUrl, Map<String, String> queries)
            throws SQLException {
        var snapshot = new LinkedHashMap<String, List<String>>();
        try (Connection connection = TestDatabases.connect(targetUrl); var statement = connection.createStatement()) {
            for (var table : queries.entrySet()) {
                try (var rows = statement.executeQuery(table.getValue())) {
                    int columns = rows.getMetaData().getColumnCount();
                    var lines = new ArrayList<String>();
                    while (rows.next()) {
                        var line = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            line.append(i > 1 ? " | " : "").append(rows.getString(i));
                        }
                        lines.add(line.toString());
                    }
                    snapshot.put(table.getKey(), lines);
                }
            }
        }
        return snapshot;
    }

    /** The pages the read model's GIN indexes (V24) hold pending, read without merging them (pgstattuple). */
    public static long pendingIndexPages() throws SQLException {
        execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
        return count("SELECT coalesce(sum((pgstatginindex(index_name)).pending_pages), 0) FROM read_model_gin_indexes");
    }

    public static long count(String sql, Object... parameters) throws SQLException {
        return Long.parseLong(text(sql, parameters));
    }

    public static String text(String sql, Object... parameters) throws SQLException {
        return TestDatabases.text(LegacyAndTargetDatabases.targetUrl(), sql, parameters);
    }

    public static void execute(String sql, Object... parameters) throws SQLException {
        TestDatabases.execute(LegacyAndTargetDatabases.targetUrl(), sql, parameters);
    }

    public static Connection connect() throws SQLException {
        return TestDatabases.connect(LegacyAndTargetDatabases.targetUrl());
    }
}
