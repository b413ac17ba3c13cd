package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Soft-deletes submissions whose legacy post was hard-deleted, with their reports (the legacy cascade), and
 * reports deleted on their own. Soft-deleted rows leave the read model and stay for audit.
 */
@ApplicationScoped
public class VanishedSubmissions {

    /** Posts and their reports: {@code %s} is a condition on submissions chosen by the callers below. */
    private static final String SOFT_DELETE = "WITH gone AS (UPDATE submissions SET deleted_at = now() "
            + "WHERE deleted_at IS NULL AND %s RETURNING id), reports_gone AS (UPDATE reports r SET deleted_at = now() "
            + "FROM gone WHERE r.submission_id = gone.id AND r.deleted_at IS NULL RETURNING r.id) "
            + "SELECT count(*) FROM gone";

    /**
     * For a full load, which reads every legacy id of a keyset range: a live submission in the range whose
     * legacy id was not read no longer exists.
     *
     * @param upToId inclusive upper end of the range, or null for "everything after {@code afterId}"
     */
    public int softDeleteInRange(Connection connection, long afterId, Long upToId, List<Long> seenLegacyIds)
            throws SQLException {
        // Two statements rather than "upper bound or NULL", so the index bounds the range on both ends.
        String range = upToId == null ? "legacy_id > ?" : "legacy_id > ? AND legacy_id <= ?";
        try (var statement = connection.prepareStatement(
                SOFT_DELETE.formatted(range + " AND legacy_id NOT IN (SELECT unnest(?::bigint[]))"))) {
            int index = 1;
            statement.setLong(index++, afterId);
            if (upToId != null) {
                statement.setLong(index++, upToId);
            }
            statement.setArray(index, connection.createArrayOf("int8", seenLegacyIds.toArray()));
            return count(statement);
        }
    }

    /** For legacy posts known to be gone (asked for by id and not found). */
    public int softDelete(Connection connection, List<Long> goneLegacyIds) throws SQLException {
        if (goneLegacyIds.isEmpty()) {
            return 0;
        }
        try (var statement = connection.prepareStatement(SOFT_DELETE.formatted("legacy_id = ANY (?)"))) {
            statement.setArray(1, connection.createArrayOf("int8", goneLegacyIds.toArray()));
            return count(statement);
        }
    }

    /** For legacy reports deleted on their own. */
    public int softDeleteReports(Connection connection, List<Long> goneReportLegacyIds) throws SQLException {
        if (goneReportLegacyIds.isEmpty()) {
            return 0;
        }
        try (var statement = connection.prepareStatement(
                "UPDATE reports SET deleted_at = now() WHERE deleted_at IS NULL AND legacy_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("int8", goneReportLegacyIds.toArray()));
            return statement.executeUpdate();
        }
    }

    private static int count(PreparedStatement statement) throws SQLException {
        try (var rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
