package org.moderation.bi.migrator.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.run.RunMetrics;

/**
 * Refreshes {@code mv_submission_facts} and then the daily rollup built on it, and records when and how long.
 * CONCURRENTLY keeps dashboards reading during the refresh; an empty (first) read model is filled the plain
 * way, which is much cheaper and blocks nobody who matters.
 */
@ApplicationScoped
public class ReadModelRefresher {

    private static final Logger LOG = Logger.getLogger(ReadModelRefresher.class);

    public record Refresh(OffsetDateTime startedAt, Duration took, boolean concurrent) {
    }

    private final AgroalDataSource target;
    private final RunMetrics metrics;

    public ReadModelRefresher(AgroalDataSource target, RunMetrics metrics) {
        this.target = target;
        this.metrics = metrics;
    }

    public Refresh refresh(Long runId) throws SQLException {
        try (Connection connection = target.getConnection()) {
            OffsetDateTime startedAt = OffsetDateTime.now();
            long start = System.nanoTime();
            boolean concurrent = hasRows(connection);
            String mode = concurrent ? "CONCURRENTLY " : "";
            try (var statement = connection.createStatement()) {
                statement.execute("REFRESH MATERIALIZED VIEW " + mode + "mv_submission_facts");
                statement.execute("REFRESH MATERIALIZED VIEW " + mode + "mv_daily_rollup");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            try (var statement = connection.prepareStatement("""
                    INSERT INTO read_model_refreshes (run_id, started_at, finished_at, duration_ms, concurrent)
                    VALUES (?, ?, ?, ?, ?)""")) {
                statement.setObject(1, runId, java.sql.Types.BIGINT);
                statement.setObject(2, startedAt);
                statement.setObject(3, startedAt.plus(took));
                statement.setLong(4, took.toMillis());
                statement.setBoolean(5, concurrent);
                statement.executeUpdate();
            }
            LOG.infof("read model refreshed%s in %d ms", concurrent ? " concurrently" : "", took.toMillis());
            metrics.readModelRefreshed(took, concurrent);
            return new Refresh(startedAt, took, concurrent);
        }
    }

    private static boolean hasRows(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM mv_submission_facts)")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
