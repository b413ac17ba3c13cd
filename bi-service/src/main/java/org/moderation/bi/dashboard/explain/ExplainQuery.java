package org.moderation.bi.dashboard.explain;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.api.dashboard.SubmissionExplanation;

/** Reads one live submission of the caller's scope with the report and legacy values behind its numbers. */
@ApplicationScoped
public class ExplainQuery {

    public record Facts(long submissionId, long legacyId, String community, String status, Instant submittedAt,
            Instant effectiveTakedownAt, String takedownSource, Instant legacyRemovedAt, String url, String urlHost,
            String platform, String platformDetail, String platformSource, String legacyPlatformText,
            List<SubmissionExplanation.Report> reports) {
    }

    public Optional<Facts> find(Connection connection, long submissionId, CommunityScope scope) throws SQLException {
        Facts facts;
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
                facts = new Facts(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        instant(rows.getObject(5, OffsetDateTime.class)), instant(rows.getObject(6, OffsetDateTime.class)),
                        rows.getString(7), instant(rows.getObject(8, OffsetDateTime.class)), rows.getString(9),
                        rows.getString(10), rows.getString(11), rows.getString(12), rows.getString(13),
                        rows.getString(14), reports(connection, submissionId));
            }
        }
        return Optional.of(facts);
    }

    private static List<SubmissionExplanation.Report> reports(Connection connection, long submissionId)
            throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT legacy_id, channel, reported_at, outcome, taken_down_at FROM reports
                WHERE submission_id = ? AND deleted_at IS NULL ORDER BY reported_at, legacy_id""")) {
            statement.setLong(1, submissionId);
            try (var rows = statement.executeQuery()) {
                var reports = new ArrayList<SubmissionExplanation.Report>();
                while (rows.next()) {
                    reports.add(new SubmissionExplanation.Report(rows.getLong(1), rows.getString(2),
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
