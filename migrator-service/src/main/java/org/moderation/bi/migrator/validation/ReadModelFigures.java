package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The business figures as the dashboards get them: summed from the daily rollup (what the read model keeps current
 * chunk by chunk), less the facts of quarantined posts, counted with the read model's own rule for what a fact
 * contributes ({@code submission_fact_events}). A removal rate counts takedowns up to {@code asOf}, so the facts
 * whose takedown is dated later (a clock ahead) are taken off.
 */
@ApplicationScoped
public class ReadModelFigures {

    private static final String FIGURES = """
            WITH contributions AS (
                SELECT 1 AS sign, day, community_id, submissions, submissions_removed, removals,
                       removals_report_flow, removals_legacy_fallback
                FROM mv_daily_rollup
                UNION ALL
                SELECT -1, (e.at AT TIME ZONE 'UTC')::date, f.community_id, e.submissions, e.submissions_removed,
                       e.removals, e.removals_report_flow, e.removals_legacy_fallback
                FROM mv_submission_facts f,
                     LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, f.takedown_source) e
                WHERE f.legacy_id = ANY (?)
            )
            SELECT grouping(month) = 0, grouping(community) = 0, month, community,
                   sum(sign * submissions), sum(sign * removals), sum(sign * removals_report_flow),
                   sum(sign * removals_legacy_fallback),
                   coalesce(sum(sign * submissions) FILTER (WHERE day >= ? AND day < ?), 0),
                   coalesce(sum(sign * submissions_removed) FILTER (WHERE day >= ? AND day < ?), 0)
            FROM (
                SELECT x.*, to_char(x.day, 'YYYY-MM') AS month, coalesce(c.slug, ?) AS community
                FROM contributions x LEFT JOIN communities c ON c.id = x.community_id
            ) AS counted
            GROUP BY GROUPING SETS ((month), (community), ())""";

    private static final String TAKEN_DOWN_LATER = """
            SELECT count(*) FROM mv_submission_facts
            WHERE effective_takedown_at > ? AND submitted_at >= ? AND submitted_at < ?
              AND legacy_id NOT IN (SELECT unnest(?::bigint[]))""";

    /** @param leftOut quarantined legacy posts, left out as on the legacy side */
    public BusinessFigures read(Connection connection, Long[] leftOut, RateWindow window) throws SQLException {
        var byMonth = new TreeMap<String, Long>();
        var bySource = new TreeMap<String, Long>();
        var byCommunity = new TreeMap<String, Long>();
        long submissions = 0;
        long removed = 0;
        long windowSubmitted = 0;
        long windowRemovedEver = 0;
        try (var statement = connection.prepareStatement(FIGURES)) {
            int i = 1;
            statement.setArray(i++, connection.createArrayOf("int8", leftOut));
            for (int pair = 0; pair < 2; pair++) {
                statement.setObject(i++, window.from());
                statement.setObject(i++, window.to());
            }
            statement.setString(i, BusinessFigures.NO_COMMUNITY);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean(1)) {
                        if (rows.getLong(6) != 0) {
                            byMonth.put(rows.getString(3), rows.getLong(6));
                        }
                    } else if (rows.getBoolean(2)) {
                        if (rows.getLong(5) != 0) {
                            byCommunity.put(rows.getString(4), rows.getLong(5));
                        }
                    } else {
                        submissions = rows.getLong(5);
                        removed = rows.getLong(6);
                        putIfAny(bySource, "report_flow", rows.getLong(7));
                        putIfAny(bySource, "legacy_fallback", rows.getLong(8));
                        windowSubmitted = rows.getLong(9);
                        windowRemovedEver = rows.getLong(10);
                    }
                }
            }
        }
        long takenDownLater;
        try (var statement = connection.prepareStatement(TAKEN_DOWN_LATER)) {
            statement.setObject(1, window.asOf());
            statement.setObject(2, window.fromTime());
            statement.setObject(3, window.toTime());
            statement.setArray(4, connection.createArrayOf("int8", leftOut));
            try (var rows = statement.executeQuery()) {
                rows.next();
                takenDownLater = rows.getLong(1);
            }
        }
        return new BusinessFigures(submissions, removed, byMonth, bySource,
                window.rate(windowSubmitted, windowRemovedEver - takenDownLater), byCommunity);
    }

    private static void putIfAny(TreeMap<String, Long> map, String key, long value) {
        if (value != 0) {
            map.put(key, value);
        }
    }
}
