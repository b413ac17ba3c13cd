package org.moderation.bi.dashboard.alerts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;

/** Alert rules and the submissions they watch, written for the tests. */
final class AlertRules {

    private AlertRules() {
    }

    static AlertRuleDefinition rule(String key, String metric, Integer version, AlertWindow window,
            List<String> communities, AlertCondition condition, Double minimumCount, String forDuration) {
        return new AlertRuleDefinition(key, "Rule " + key, "Summary of " + key,
                new AlertRuleDefinition.AlertMetric(metric, version), window, communities, condition, minimumCount,
                forDuration, "warning");
    }

    static AlertWindow lastHours(int hours) {
        return new AlertWindow(AlertWindow.ROLLING, hours, "hours", null);
    }

    /** One submission: its legacy id, community id (1 north, 2 south, 3 east; null none), times. */
    record Row(int id, Integer community, Instant submittedAt, Instant removedAt) {
    }

    static Row row(int id, Integer community, Instant submittedAt, Instant removedAt) {
        return new Row(id, community, submittedAt, removedAt);
    }

    /** Replaces every submission by these, verified 30 seconds ago. */
    static void load(Row... rows) throws SQLException {
        var values = new ArrayList<String>();
        for (Row r : rows) {
            values.add("(" + r.id() + ", " + r.community() + ", 'meta', 'facebook', 'url_host', '"
                    + (r.removedAt() == null ? "new" : "removed") + "', '" + r.submittedAt() + "', "
                    + (r.removedAt() == null ? "NULL" : "'" + r.removedAt() + "'") + ", now(), NULL, 1)");
        }
        ReadModelDatabase.execute("""
                TRUNCATE communities, submissions, reports RESTART IDENTITY CASCADE;
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                    (1, 'North', 'north', '2021-01-01'), (2, 'South', 'south', '2021-01-01'),
                    (3, 'East', 'east', '2021-01-01');
                """ + (values.isEmpty() ? "" : """
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, deleted_at, last_run_id)
                VALUES """ + String.join(",\n", values) + ";\n") + """
                SELECT refresh_submission_facts();
                UPDATE read_model_version SET changed_at = now() - interval '1 minute',
                                              verified_at = now() - interval '30 seconds';
                """);
    }

    /** Gives the submissions of these legacy ids the hashtag, and the read model with it. */
    static void tag(String hashtag, int... legacyIds) throws SQLException {
        var ids = new ArrayList<String>();
        for (int id : legacyIds) {
            ids.add(Integer.toString(id));
        }
        ReadModelDatabase.execute("INSERT INTO hashtags (tag) VALUES ('" + hashtag + "') ON CONFLICT (md5(tag)) "
                + "DO NOTHING;\nINSERT INTO submission_hashtags (submission_id, hashtag_id) SELECT s.id, h.id "
                + "FROM submissions s, hashtags h WHERE h.tag = '" + hashtag + "' AND s.legacy_id IN ("
                + String.join(", ", ids) + ");\nSELECT refresh_submission_facts();");
    }

    static void verifiedAgo(String interval) throws SQLException {
        ReadModelDatabase.execute("UPDATE read_model_version SET verified_at = now() - interval '" + interval + "'");
    }
}
