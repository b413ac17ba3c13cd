package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Soft-deletes submissions whose legacy post was hard-deleted, with their reports (the legacy cascade). Soft-deleted
 * rows leave the read model and stay for audit; when the post comes back, the next write restores them. Which posts
 * are gone is decided by the reconciliation, never here.
 */
@ApplicationScoped
public class VanishedSubmissions {

    /** @return the ids of the submissions soft-deleted (live ones among {@code goneLegacyIds}) */
    public List<Long> softDelete(Connection connection, List<Long> goneLegacyIds) throws SQLException {
        if (goneLegacyIds.isEmpty()) {
            return List.of();
        }
        try (var statement = connection.prepareStatement("""
                WITH gone AS (
                    UPDATE submissions SET deleted_at = now()
                    WHERE deleted_at IS NULL AND legacy_id = ANY (?)
                    RETURNING id
                ), reports_gone AS (
                    UPDATE reports r SET deleted_at = now() FROM gone
                    WHERE r.submission_id = gone.id AND r.deleted_at IS NULL
                )
                SELECT id FROM gone""")) {
            statement.setArray(1, connection.createArrayOf("int8", goneLegacyIds.toArray()));
            try (var rows = statement.executeQuery()) {
                var ids = new ArrayList<Long>();
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
                return ids;
            }
        }
    }
}
