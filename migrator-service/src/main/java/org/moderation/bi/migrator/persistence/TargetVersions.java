package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacyReport;

/**
 * Which version of each legacy post the target holds: the post's updated_at and its live reports' updated_at
 * (the legacy trigger moves updated_at on every change). A delta rewrites only posts whose version differs, so
 * re-reading the overlap window costs reads, not writes. Quarantined posts never count as up to date.
 */
@ApplicationScoped
public class TargetVersions {

    /** A post's version: its updated_at and, per report id, the report's updated_at. */
    public record Version(Instant postUpdatedAt, Map<Long, Instant> reports) {

        public static Version of(LegacyPostWithReports legacy) {
            var reports = new HashMap<Long, Instant>();
            for (LegacyReport report : legacy.reports()) {
                reports.put(report.id(), report.updatedAt().toInstant());
            }
            return new Version(legacy.post().updatedAt().toInstant(), reports);
        }
    }

    public Map<Long, Version> of(Connection connection, Long[] legacyIds) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT s.legacy_id, s.legacy_updated_at, r.legacy_id, r.legacy_updated_at
                FROM unnest(?::bigint[]) AS t(legacy_id)
                JOIN submissions s ON s.legacy_id = t.legacy_id AND s.deleted_at IS NULL
                LEFT JOIN reports r ON r.submission_id = s.id AND r.deleted_at IS NULL
                WHERE NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.entity = 'submission' AND q.legacy_id = s.legacy_id)""")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIds));
            try (var rows = statement.executeQuery()) {
                var versions = new HashMap<Long, Version>();
                while (rows.next()) {
                    long legacyId = rows.getLong(1);
                    Version version = versions.get(legacyId);
                    if (version == null) {
                        version = new Version(rows.getObject(2, OffsetDateTime.class).toInstant(), new HashMap<>());
                        versions.put(legacyId, version);
                    }
                    long reportId = rows.getLong(3);
                    if (!rows.wasNull()) {
                        version.reports().put(reportId, rows.getObject(4, OffsetDateTime.class).toInstant());
                    }
                }
                return versions;
            }
        }
    }
}
