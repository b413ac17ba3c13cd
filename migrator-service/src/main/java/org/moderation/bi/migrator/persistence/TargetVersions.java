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
        // Two index-driven queries, not one join: a join's plan for a large chunk may scan all of reports.
        var versions = new HashMap<Long, Version>();
        var legacyIdBySubmission = new HashMap<Long, Long>();
        try (var statement = connection.prepareStatement("""
                SELECT s.id, s.legacy_id, s.legacy_updated_at FROM submissions s
                WHERE s.legacy_id = ANY (?) AND s.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.entity = 'submission' AND q.legacy_id = s.legacy_id)""")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIds));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    legacyIdBySubmission.put(rows.getLong(1), rows.getLong(2));
                    versions.put(rows.getLong(2),
                            new Version(rows.getObject(3, OffsetDateTime.class).toInstant(), new HashMap<>()));
                }
            }
        }
        try (var statement = connection.prepareStatement("""
                SELECT submission_id, legacy_id, legacy_updated_at FROM reports
                WHERE submission_id = ANY (?) AND deleted_at IS NULL""")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIdBySubmission.keySet().toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.get(legacyIdBySubmission.get(rows.getLong(1))).reports()
                            .put(rows.getLong(2), rows.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
        }
        return versions;
    }

    /** The highest legacy post id the target has met, loaded or quarantined: posts above it are new. */
    public long highestKnownLegacyId(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT greatest((SELECT max(legacy_id) FROM id_mappings WHERE entity = 'submission'),
                                     (SELECT max(legacy_id) FROM quarantine WHERE entity = 'submission'), 0)""")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
