package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * What the target holds at a glance, and the planner statistics of the tables a full load filled: bulk loading leaves
 * them stale until autovacuum catches up, and the read model's build, the reconciliation, the validation, the next
 * delta and the dashboards are planned with them.
 */
@ApplicationScoped
public class TargetStatistics {

    private final AgroalDataSource target;

    public TargetStatistics(AgroalDataSource target) {
        this.target = target;
    }

    /** No submission and no report at all, live or soft-deleted: nothing a load would have to subtract. */
    public boolean holdsNoPosts() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT NOT EXISTS (SELECT 1 FROM submissions) AND NOT EXISTS (SELECT 1 FROM reports)")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** The rows a full load wrote: before a bulk load's build of the read model, which is planned with them. */
    public void analyze() throws SQLException {
        execute("""
                ANALYZE communities, users, submissions, post_data, submission_metadata, hashtags,
                        submission_hashtags, categories, submission_categories, analysis, legacy_raw, reports,
                        id_mappings""");
    }

    /**
     * The read model: the facts, what search reads, the months' versions, the reconciliation buckets and every rollup
     * the schema declares ({@code read_model_rollups}), so a rollup declared later is analyzed with the others, not
     * left without statistics (autovacuum may be off, and then nothing else would). One connection for the list and the ANALYZE.
     */
    public void analyzeReadModel() throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement()) {
            String rollups;
            try (var rows = statement.executeQuery(
                    "SELECT string_agg(quote_ident(relation), ', ' ORDER BY relation) FROM read_model_rollups")) {
                rows.next();
                rollups = rows.getString(1);
            }
            statement.execute("ANALYZE mv_submission_facts, mv_submission_search, search_configurations, "
                    + "mv_seen_values, read_model_partitions, reconciliation_buckets, " + rollups);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = target.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
