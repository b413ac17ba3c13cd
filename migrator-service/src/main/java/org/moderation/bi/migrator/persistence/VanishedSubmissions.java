package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Soft-deletes submissions whose legacy post was hard-deleted, with their reports (the legacy cascade). A full load
 * reads every legacy id of a keyset range, so a live submission in that range whose legacy id was not read no
 * longer exists in the legacy database.
 */
@ApplicationScoped
public class VanishedSubmissions {

    /** @param upToId inclusive upper end of the range, or null for "everything after {@code afterId}" */
    public int softDeleteInRange(Connection connection, long afterId, Long upToId, List<Long> seenLegacyIds)
            throws SQLException {
        // Two statements rather than "upper bound or NULL", so the index bounds the range on both ends.
        String range = upToId == null ? "legacy_id > ?" : "legacy_id > ? AND legacy_id <= ?";
        try (var statement = connection.prepareStatement("WITH gone AS (UPDATE submissions SET deleted_at = now() "
                + "WHERE deleted_at IS NULL AND " + range + " AND legacy_id NOT IN (SELECT unnest(?::bigint[])) "
                + "RETURNING id), reports_gone AS (UPDATE reports r SET deleted_at = now() FROM gone "
                + "WHERE r.submission_id = gone.id AND r.deleted_at IS NULL RETURNING r.id) "
                + "SELECT count(*) FROM gone")) {
            int index = 1;
            statement.setLong(index++, afterId);
            if (upToId != null) {
                statement.setLong(index++, upToId);
            }
            statement.setArray(index, connection.createArrayOf("int8", seenLegacyIds.toArray()));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
