package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Persists every check of a run, with both sides as JSON, so a failed run can be read long after. */
@ApplicationScoped
public class ValidationResultRepository {

    private final AgroalDataSource target;
    private final ObjectMapper json;

    public ValidationResultRepository(AgroalDataSource target, ObjectMapper json) {
        this.target = target;
        this.json = json;
    }

    public void save(long runId, List<CheckResult> checks) throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.prepareStatement("""
                     INSERT INTO validation_results (run_id, check_name, category, outcome, legacy, target, message)
                     VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")) {
            for (CheckResult check : checks) {
                statement.setLong(1, runId);
                statement.setString(2, check.name());
                statement.setString(3, check.category().code());
                statement.setString(4, check.outcome().code());
                statement.setString(5, toJson(check.legacy()));
                statement.setString(6, toJson(check.target()));
                statement.setString(7, check.message());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validation values are plain numbers, maps and records", e);
        }
    }
}
