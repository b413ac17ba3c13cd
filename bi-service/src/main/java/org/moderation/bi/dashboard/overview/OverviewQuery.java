package org.moderation.bi.dashboard.overview;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.query.ReadModelQueries;
import org.moderation.bi.dashboard.query.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/**
 * The overview's numbers in one pass, grouped four ways (total, platform, platform detail, community). A window of
 * whole UTC days reads the daily rollup, whose size does not grow with the number of submissions; any other window
 * reads {@code mv_submission_facts}. The window and the scope are bound parameters; the SQL texts are constants.
 */
@ApplicationScoped
public class OverviewQuery {

    private static final String FROM_FACTS = """
            SELECT grouping(platform) = 0 AS by_platform, grouping(platform_detail) = 0 AS by_detail,
                   grouping(community_slug) = 0 AS by_community, platform, platform_detail, community_slug,
                   count(*) FILTER (WHERE submitted) AS submissions,
                   count(*) FILTER (WHERE submitted AND effective_takedown_at <= now()) AS submissions_removed,
                   count(*) FILTER (WHERE removed) AS removed,
                   count(*) FILTER (WHERE removed AND takedown_source = 'report_flow') AS report_flow,
                   count(*) FILTER (WHERE removed AND takedown_source = 'legacy_fallback') AS legacy_fallback
            FROM (
                SELECT platform, platform_detail, community_slug, effective_takedown_at, takedown_source,
                       submitted_at >= ? AND submitted_at < ? AS submitted,
                       effective_takedown_at >= ? AND effective_takedown_at < ? AS removed
                FROM mv_submission_facts
                WHERE (? OR community_slug = ANY (?))
                  AND ((submitted_at >= ? AND submitted_at < ?) OR (effective_takedown_at >= ? AND effective_takedown_at < ?))
            ) AS facts
            GROUP BY GROUPING SETS ((), (platform), (platform_detail), (community_slug))""";

    /** The same numbers summed from mv_daily_rollup; the removal rate counts takedowns up to its refresh. */
    private static final String FROM_ROLLUP = """
            SELECT grouping(r.platform) = 0 AS by_platform, grouping(r.platform_detail) = 0 AS by_detail,
                   grouping(c.slug) = 0 AS by_community, r.platform, r.platform_detail, c.slug AS community_slug,
                   coalesce(sum(r.submissions), 0) AS submissions,
                   coalesce(sum(r.submissions_removed), 0) AS submissions_removed,
                   coalesce(sum(r.removals), 0) AS removed,
                   coalesce(sum(r.removals_report_flow), 0) AS report_flow,
                   coalesce(sum(r.removals_legacy_fallback), 0) AS legacy_fallback
            FROM mv_daily_rollup r
            LEFT JOIN communities c ON c.id = r.community_id
            WHERE r.day >= ? AND r.day < ? AND (? OR c.slug = ANY (?))
            GROUP BY GROUPING SETS ((), (r.platform), (r.platform_detail), (c.slug))""";

    private final ReadModelQueries queries;

    public OverviewQuery(ReadModelQueries queries) {
        this.queries = queries;
    }

    /** Everything of the overview but its window, scope and freshness. */
    public Numbers run(TimeWindow window, CommunityScope scope) throws SQLException {
        if (window.wholeUtcDays()) {
            return queries.select(FROM_ROLLUP, statement -> {
                statement.setObject(1, window.from().atOffset(ZoneOffset.UTC).toLocalDate());
                statement.setObject(2, window.to().atOffset(ZoneOffset.UTC).toLocalDate());
                statement.setBoolean(3, scope.all());
                statement.setArray(4, statement.getConnection().createArrayOf("text", scope.communities().toArray()));
            }, OverviewQuery::collect);
        }
        Timestamp from = Timestamp.from(window.from());
        Timestamp to = Timestamp.from(window.to());
        return queries.select(FROM_FACTS, statement -> {
            int i = 1;
            for (int pair = 0; pair < 2; pair++) {
                statement.setTimestamp(i++, from);
                statement.setTimestamp(i++, to);
            }
            statement.setBoolean(i++, scope.all());
            statement.setArray(i++, statement.getConnection().createArrayOf("text", scope.communities().toArray()));
            for (int pair = 0; pair < 2; pair++) {
                statement.setTimestamp(i++, from);
                statement.setTimestamp(i++, to);
            }
        }, OverviewQuery::collect);
    }

    /** The grouped rows, sorted by key so that answers are stable. */
    public record Numbers(Counts total, Map<String, Long> takedownSources,
            List<OverviewView.PlatformCounts> byPlatform, List<OverviewView.PlatformDetailCounts> byPlatformDetail,
            List<OverviewView.CommunityCounts> byCommunity) {
    }

    record Counts(long submissions, long submissionsRemoved, long removed) {
        Double rate() {
            return submissions == 0 ? null : (double) submissionsRemoved / submissions;
        }
    }

    private static Numbers collect(ResultSet rows) throws SQLException {
        Counts total = new Counts(0, 0, 0);
        Map<String, Long> sources = new TreeMap<>(Map.of("report_flow", 0L, "legacy_fallback", 0L));
        var platforms = new TreeMap<String, Counts>();
        var details = new TreeMap<String, Counts>();
        var communities = new TreeMap<String, Counts>(Comparator.nullsFirst(String::compareTo));
        while (rows.next()) {
            var counts = new Counts(rows.getLong("submissions"), rows.getLong("submissions_removed"),
                    rows.getLong("removed"));
            if (rows.getBoolean("by_platform")) {
                platforms.put(rows.getString("platform"), counts);
            } else if (rows.getBoolean("by_detail")) {
                details.put(rows.getString("platform_detail"), counts);
            } else if (rows.getBoolean("by_community")) {
                communities.put(rows.getString("community_slug"), counts);
            } else {
                total = counts;
                sources.put("report_flow", rows.getLong("report_flow"));
                sources.put("legacy_fallback", rows.getLong("legacy_fallback"));
            }
        }
        var byPlatform = new ArrayList<OverviewView.PlatformCounts>();
        platforms.forEach((k, c) -> byPlatform.add(new OverviewView.PlatformCounts(k, c.submissions(), c.removed(), c.rate())));
        var byDetail = new ArrayList<OverviewView.PlatformDetailCounts>();
        details.forEach((k, c) -> byDetail.add(new OverviewView.PlatformDetailCounts(k, c.submissions(), c.removed(), c.rate())));
        var byCommunity = new ArrayList<OverviewView.CommunityCounts>();
        communities.forEach((k, c) -> byCommunity.add(new OverviewView.CommunityCounts(k, c.submissions(), c.removed(), c.rate())));
        return new Numbers(total, sources, byPlatform, byDetail, byCommunity);
    }

}
