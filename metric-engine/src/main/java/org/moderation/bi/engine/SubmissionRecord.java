package org.moderation.bi.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One live submission as the read model counts it, beside the values its numbers were computed from: the report and
 * legacy values behind its takedown and platform, so that what counted it can be said in words.
 */
public record SubmissionRecord(long submissionId, long legacyId, String community, String status, Instant submittedAt,
        Instant effectiveTakedownAt, String takedownSource, Instant legacyRemovedAt, String url, String urlHost,
        String platform, String platformDetail, String platformSource, String legacyPlatformText,
        List<Report> reports) {

    public SubmissionRecord {
        reports = List.copyOf(reports);
    }

    /** A live report of the submission, oldest first. */
    public record Report(long legacyId, String channel, Instant reportedAt, String outcome, Instant takenDownAt) {
    }

    /** Empty when there is no such live submission in {@code scope} (the two are not told apart). */
    static Optional<SubmissionRecord> read(Snapshot snapshot, long submissionId, Scope scope) throws SQLException {
        Connection connection = snapshot.connection();
        try (var statement = connection.prepareStatement("""
                SELECT f.submission_id, f.legacy_id, f.community_slug, f.status, f.submitted_at, f.effective_takedown_at,
                       f.takedown_source, s.legacy_removed_at, s.url, s.url_host, s.platform, s.platform_detail,
                       s.platform_source, r.post ->> 'platform'
                FROM mv_submission_facts f
                JOIN submissions s ON s.id = f.submission_id
                LEFT JOIN legacy_raw r ON r.submission_id = s.id
                WHERE f.submission_id = ? AND (? OR f.community_slug = ANY (?))""")) {
            statement.setLong(1, submissionId);
            statement.setBoolean(2, scope.all());
            statement.setArray(3, connection.createArrayOf("text", scope.communities().toArray()));
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SubmissionRecord(rows.getLong(1), rows.getLong(2), rows.getString(3),
                        rows.getString(4), instant(rows.getObject(5, OffsetDateTime.class)),
                        instant(rows.getObject(6, OffsetDateTime.class)), rows.getString(7),
                        instant(rows.getObject(8, OffsetDateTime.class)), rows.getString(9), rows.getString(10),
                        rows.getString(11), rows.getString(12), rows.getString(13), rows.getString(14),
                        reports(connection, submissionId)));
            }
        }
    }

    private static List<Report> reports(Connection connection, long submissionId) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT legacy_id, channel, reported_at, outcome, taken_down_at FROM reports
                WHERE submission_id = ? AND deleted_at IS NULL ORDER BY reported_at, legacy_id""")) {
            statement.setLong(1, submissionId);
            try (var rows = statement.executeQuery()) {
                var reports = new ArrayList<Report>();
                while (rows.next()) {
                    reports.add(new Report(rows.getLong(1), rows.getString(2),
                            instant(rows.getObject(3, OffsetDateTime.class)), rows.getString(4),
                            instant(rows.getObject(5, OffsetDateTime.class))));
                }
                return reports;
            }
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
