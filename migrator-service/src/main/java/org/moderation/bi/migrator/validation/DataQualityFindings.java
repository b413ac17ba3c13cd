package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/** Legacy data-quality facts worth telling leadership about; reported, never "fixed" silently. */
@ApplicationScoped
public class DataQualityFindings {

    private final AgroalDataSource legacy;

    public DataQualityFindings(@DataSource("legacy") AgroalDataSource legacy) {
        this.legacy = legacy;
    }

    public List<CheckResult> run() throws SQLException {
        try (Connection connection = legacy.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT count(*) FILTER (WHERE community_id IS NULL),
                            count(*) FILTER (WHERE posted_at IS NULL),
                            count(*) FILTER (WHERE updated_at < created_at),
                            count(*) FILTER (WHERE url IS NULL OR btrim(url) = '')
                     FROM posts""")) {
            rows.next();
            var counts = new LinkedHashMap<String, Long>();
            counts.put("posts_without_community", rows.getLong(1));
            counts.put("posts_without_posted_at", rows.getLong(2));
            counts.put("posts_updated_before_created", rows.getLong(3));
            counts.put("posts_without_url", rows.getLong(4));
            return List.of(CheckResult.finding("legacy_data_quality", counts, null,
                    "legacy rows with missing or inconsistent values, migrated as they are"));
        }
    }
}
