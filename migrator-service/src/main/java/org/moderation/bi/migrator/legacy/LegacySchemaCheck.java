package org.moderation.bi.migrator.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/**
 * Verifies, before anything is read, that the legacy database has every table and column the readers use with
 * the expected types, so a wrong database fails with a list of differences instead of a half-done load.
 * Extra legacy columns are fine: the migrator only needs these.
 */
@ApplicationScoped
public class LegacySchemaCheck {

    private static final String TZ = "timestamp with time zone";
    private static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("communities", columns("id", "integer", "name", "text", "slug", "text", "created_at", TZ));
        EXPECTED.put("app_users", columns("id", "integer", "email", "text", "display_name", "text", "role", "text",
                "community_id", "integer", "created_at", TZ));
        EXPECTED.put("posts", columns("id", "bigint", "community_id", "integer", "submitted_by", "integer",
                "url", "text", "platform", "text", "content_text", "text", "author_handle", "text", "posted_at", TZ,
                "status", "text", "removed_at", TZ, "categories", "text", "hashtags", "text", "analysis", "jsonb",
                "extra", "jsonb", "created_at", TZ, "updated_at", TZ));
        EXPECTED.put("post_reports", columns("id", "bigint", "post_id", "bigint", "reported_by", "integer",
                "channel", "text", "reported_at", TZ, "platform_ticket", "text", "outcome", "text",
                "taken_down_at", TZ, "updated_at", TZ));
    }

    private final AgroalDataSource legacy;

    public LegacySchemaCheck(@DataSource("legacy") AgroalDataSource legacy) {
        this.legacy = legacy;
    }

    /** @throws LegacySchemaMismatch listing every missing table, missing column and wrong type */
    public void verify() throws SQLException {
        Map<String, Map<String, String>> actual = new HashMap<>();
        try (Connection connection = legacy.getConnection();
             var statement = connection.prepareStatement("""
                     SELECT table_name, column_name, data_type FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = ANY (?)""")) {
            statement.setArray(1, connection.createArrayOf("text", EXPECTED.keySet().toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    actual.computeIfAbsent(rows.getString(1), t -> new HashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        EXPECTED.forEach((table, columns) -> {
            Map<String, String> found = actual.get(table);
            if (found == null) {
                problems.add("table " + table + " is missing");
                return;
            }
            columns.forEach((column, type) -> {
                String foundType = found.get(column);
                if (foundType == null) {
                    problems.add("column " + table + "." + column + " is missing");
                } else if (!foundType.equals(type)) {
                    problems.add("column " + table + "." + column + " is " + foundType + ", expected " + type);
                }
            });
        });
        if (!problems.isEmpty()) {
            throw new LegacySchemaMismatch(problems);
        }
    }

    private static Map<String, String> columns(String... nameTypePairs) {
        var columns = new LinkedHashMap<String, String>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return columns;
    }
}
