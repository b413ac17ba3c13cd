package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moderation.bi.migrator.support.TestDatabases;

/** Every migration can be rolled back on its own and applied again; the platform repair is reviewable and reversible. */
class SchemaMigrationsTest {

    private String url;

    @BeforeEach
    void freshDatabase() {
        url = TestDatabases.create("it_schema");
    }

    @AfterEach
    void dropDatabase() {
        TestDatabases.drop(url);
    }

    @Test
    void everyMigrationHasARollbackBesideIt() throws Exception {
        List<String> versions = Arrays.stream(flyway(null).info().all()).map(m -> m.getVersion().getVersion()).toList();

        assertThat(versions).isNotEmpty();
        for (String version : versions) {
            assertThat(rollbackScript(version)).as("rollback of V" + version).isNotNull();
        }
    }

    @Test
    void migratesRollsBackEveryVersionAndMigratesAgain() throws Exception {
        Flyway flyway = flyway(null);
        flyway.migrate();
        List<String> applied = Arrays.stream(flyway.info().applied()).map(m -> m.getVersion().getVersion()).toList();

        for (String version : applied.reversed()) {
            rollBack(version);
        }
        assertThat(tables()).containsExactly("flyway_schema_history");

        flyway.migrate();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo(applied.getLast());
        assertThat(tables()).contains("submissions", "reports", "id_mappings", "migration_runs");
    }

    @Test
    void theRepairRecomputesOnlyDisagreeingPlatformsRecordsThemAndCanBeUndone() throws Exception {
        flyway("2").migrate();
        // Rows as they were before platform_detail existed, plus one stored wrongly.
        insert(1, "https://www.instagram.com/p/1", "Meta", "meta", null, "url_host", "www.instagram.com");
        insert(2, "https://x.com/a/status/1", "X", "meta", "facebook", "url_host", "x.com");
        insert(3, null, "Meta", "meta", "unknown", "legacy_text", null);

        flyway("3").migrate();

        assertThat(query("SELECT rows_changed::text FROM data_repairs WHERE version = '3'")).containsExactly("2");
        assertThat(query("SELECT legacy_id || ':' || platform || '/' || platform_detail FROM submissions ORDER BY legacy_id"))
                .containsExactly("1:meta/instagram", "2:x/x", "3:meta/unknown");
        assertThat(query("SELECT before ->> 'platform_detail' FROM data_repair_changes ORDER BY submission_id"))
                .containsExactly(null, "facebook");

        rollBack("3");

        assertThat(query("SELECT legacy_id || ':' || platform || '/' || coalesce(platform_detail, '-') FROM submissions ORDER BY legacy_id"))
                .containsExactly("1:meta/-", "2:meta/facebook", "3:meta/unknown");
        assertThat(query("SELECT count(*)::text FROM data_repairs")).containsExactly("0");
    }

    @Test
    void biReaderMaySelectWhatBiServiceReadsAndChangeNothing() throws Exception {
        flyway(null).migrate();

        assertThat(query("""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm')
                  AND has_table_privilege('bi_reader', c.oid, 'SELECT') ORDER BY 1"""))
                .containsExactly("communities", "daily_by_category_rollup_now",
                        "daily_by_community_and_category_rollup_now", "daily_by_community_rollup_now",
                        "daily_by_hashtag_rollup_now", "daily_by_platform_rollup_now",
                        "daily_rollup_now", "daily_total_rollup_now", "hourly_rollup_now",
                        "hourly_total_rollup_now", "legacy_raw",
                        "monthly_by_category_rollup_now", "monthly_by_community_and_category_rollup_now",
                        "monthly_by_community_rollup_now", "monthly_by_platform_rollup_now", "monthly_rollup_now",
                        "mv_daily_by_category_rollup", "mv_daily_by_community_and_category_rollup",
                        "mv_daily_by_community_rollup", "mv_daily_by_hashtag_rollup", "mv_daily_by_platform_rollup", "mv_daily_rollup",
                        "mv_daily_total_rollup", "mv_hourly_rollup",
                        "mv_hourly_total_rollup", "mv_monthly_by_category_rollup",
                        "mv_monthly_by_community_and_category_rollup", "mv_monthly_by_community_rollup",
                        "mv_monthly_by_platform_rollup", "mv_monthly_rollup",
                        "mv_quarter_hourly_by_community_rollup", "mv_quarter_hourly_total_rollup",
                        "mv_seen_values", "mv_submission_facts",
                        "mv_submission_search", "mv_weekly_by_category_rollup",
                        "mv_weekly_by_community_and_category_rollup", "mv_weekly_by_community_rollup",
                        "mv_weekly_by_platform_rollup", "mv_weekly_rollup",
                        "quarter_hourly_by_community_rollup_now", "quarter_hourly_total_rollup_now",
                        "read_model_partitions", "read_model_rollups", "read_model_version", "reports",
                        "search_configurations",
                        "stream_freshness", "submissions",
                        "weekly_by_category_rollup_now", "weekly_by_community_and_category_rollup_now",
                        "weekly_by_community_rollup_now", "weekly_by_platform_rollup_now", "weekly_rollup_now");
        // Of the posts' data, what a list shows (an excerpt, the author) and the key that joins it.
        assertThat(query("""
                SELECT a.attname::text FROM pg_attribute a
                WHERE a.attrelid = 'post_data'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                  AND has_column_privilege('bi_reader', a.attrelid, a.attnum, 'SELECT') ORDER BY a.attnum"""))
                .containsExactly("submission_id", "content_text", "author_handle");
        assertThat(query("""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'S')
                  AND has_table_privilege('bi_reader', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')"""))
                .isEmpty();
        assertThat(query("SELECT has_schema_privilege('bi_reader', 'public', 'CREATE')::text")).containsExactly("false");
        assertThat(query("""
                SELECT p.proname::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND has_function_privilege('bi_reader', p.oid, 'EXECUTE')
                  AND p.proname IN ('apply_submission_facts', 'refresh_submission_facts', 'prune_hourly_rollup',
                                    'lock_read_model', 'refresh_facts_and_rollups', 'refresh_submission_search',
                                    'publish_read_model_changes')"""))
                .as("the read model's writers").isEmpty();
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(url, TestDatabases.USER, null).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private void rollBack(String version) throws Exception {
        try (Connection connection = TestDatabases.connect(url); var statement = connection.createStatement()) {
            statement.execute(Files.readString(Objects.requireNonNull(rollbackScript(version))));
            statement.execute("DELETE FROM flyway_schema_history WHERE version = '" + Integer.parseInt(version) + "'");
        }
    }

    private static Path rollbackScript(String version) throws URISyntaxException, IOException {
        Path folder = Path.of(Objects.requireNonNull(SchemaMigrationsTest.class.getResource("/db/rollback")).toURI());
        try (Stream<Path> scripts = Files.list(folder)) {
            return scripts.filter(p -> p.getFileName().toString().startsWith("U" + version + "__")).findFirst().orElse(null);
        }
    }

    private List<String> tables() throws SQLException {
        return query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' "
                + "UNION SELECT matviewname::text FROM pg_matviews WHERE schemaname = 'public' ORDER BY 1");
    }

    private void insert(long legacyId, String url, String legacyText, String platform, String detail, String source,
            String host) throws SQLException {
        try (Connection connection = TestDatabases.connect(this.url)) {
            try (var statement = connection.prepareStatement("""
                    INSERT INTO submissions (legacy_id, url, url_host, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_updated_at, last_run_id)
                    VALUES (?, ?, ?, ?, ?, ?, 'new', now(), now(), 1)""")) {
                statement.setLong(1, legacyId);
                statement.setString(2, url);
                statement.setString(3, host);
                statement.setString(4, platform);
                statement.setString(5, detail);
                statement.setString(6, source);
                statement.executeUpdate();
            }
            try (var statement = connection.prepareStatement("""
                    INSERT INTO legacy_raw (submission_id, post)
                    SELECT id, jsonb_build_object('id', legacy_id, 'platform', ?::text) FROM submissions WHERE legacy_id = ?""")) {
                statement.setString(1, legacyText);
                statement.setLong(2, legacyId);
                statement.executeUpdate();
            }
        }
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection connection = TestDatabases.connect(url); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
