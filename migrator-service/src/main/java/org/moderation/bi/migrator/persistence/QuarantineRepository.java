package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.transform.TransformResult;

/** Keeps malformed legacy rows visible with their reason until a later run loads them. */
@ApplicationScoped
public class QuarantineRepository {

    public void record(Connection connection, long runId, List<TransformResult.Quarantined> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (var statement = connection.prepareStatement("""
                INSERT INTO quarantine (entity, legacy_id, reason_code, detail, first_run_id, last_run_id)
                SELECT 'submission', t.legacy_id, t.reason_code, t.detail, ?, ?
                FROM unnest(?::bigint[], ?::text[], ?::text[]) AS t(legacy_id, reason_code, detail)
                ON CONFLICT (entity, legacy_id) DO UPDATE SET reason_code = EXCLUDED.reason_code,
                    detail = EXCLUDED.detail, last_run_id = EXCLUDED.last_run_id, last_seen_at = now()""")) {
            statement.setLong(1, runId);
            statement.setLong(2, runId);
            statement.setArray(3, connection.createArrayOf("int8",
                    rows.stream().map(TransformResult.Quarantined::legacyId).toArray()));
            statement.setArray(4, connection.createArrayOf("text",
                    rows.stream().map(TransformResult.Quarantined::reasonCode).toArray()));
            statement.setArray(5, connection.createArrayOf("text",
                    rows.stream().map(TransformResult.Quarantined::detail).toArray()));
            statement.executeUpdate();
        }
    }

    /** Rows that loaded this time (or vanished from the legacy database) leave the quarantine. */
    public void release(Connection connection, long afterId, Long upToId, List<Long> loadedLegacyIds,
            List<Long> seenLegacyIds) throws SQLException {
        String range = upToId == null ? "legacy_id > ?" : "legacy_id > ? AND legacy_id <= ?";
        try (var statement = connection.prepareStatement("DELETE FROM quarantine WHERE entity = 'submission' "
                + "AND (legacy_id = ANY (?) OR (" + range + " AND legacy_id NOT IN (SELECT unnest(?::bigint[]))))")) {
            int index = 1;
            statement.setArray(index++, connection.createArrayOf("int8", loadedLegacyIds.toArray()));
            statement.setLong(index++, afterId);
            if (upToId != null) {
                statement.setLong(index++, upToId);
            }
            statement.setArray(index, connection.createArrayOf("int8", seenLegacyIds.toArray()));
            statement.executeUpdate();
        }
    }

    /** Rows that loaded, or are known gone, leave the quarantine. */
    public void release(Connection connection, List<Long> legacyIds) throws SQLException {
        if (legacyIds.isEmpty()) {
            return;
        }
        try (var statement = connection.prepareStatement(
                "DELETE FROM quarantine WHERE entity = 'submission' AND legacy_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIds.toArray()));
            statement.executeUpdate();
        }
    }

    public List<Long> quarantinedLegacyIds(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT legacy_id FROM quarantine WHERE entity = 'submission' ORDER BY legacy_id")) {
            var ids = new ArrayList<Long>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

}
