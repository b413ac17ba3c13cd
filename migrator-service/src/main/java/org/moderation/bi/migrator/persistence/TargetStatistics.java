package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Refreshes the planner statistics of the tables a full load filled: bulk loading leaves them stale until
 * autovacuum catches up, and the reconciliation, the validation, the next delta and the dashboards are planned with
 * them.
 */
@ApplicationScoped
public class TargetStatistics {

    private final AgroalDataSource target;

    public TargetStatistics(AgroalDataSource target) {
        this.target = target;
    }

    public void analyze() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement()) {
            statement.execute("""
                    ANALYZE communities, users, submissions, post_data, submission_metadata, hashtags,
                            submission_hashtags, categories, submission_categories, analysis, legacy_raw, reports,
                            id_mappings, mv_submission_facts, mv_daily_rollup, mv_hourly_rollup""");
        }
    }
}
