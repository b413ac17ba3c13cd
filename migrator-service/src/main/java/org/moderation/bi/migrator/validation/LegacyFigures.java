package org.moderation.bi.migrator.validation;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.legacy.LegacySnapshot;

/**
 * The business figures as the legacy README defines them, computed from the legacy tables in one aggregate query,
 * independently of the read model's SQL (that independence is the point): the effective takedown is the earliest
 * report takedown if any report has one, else the post's removed_at. Also the data-quality facts worth reporting.
 */
@ApplicationScoped
public class LegacyFigures {

    public record Result(BusinessFigures figures, long removedStatusWithoutTakedown, Map<String, Long> dataQuality) {
    }

    /** Months are grouped as timestamps (cheaper than formatting a million rows) and named afterwards. */
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private static final String FIGURES = """
            SELECT grouping(month) = 0, grouping(source) = 0, grouping(community) = 0, month, source, community,
                   count(*), count(takedown),
                   count(*) FILTER (WHERE created_at >= ? AND created_at < ?),
                   count(*) FILTER (WHERE created_at >= ? AND created_at < ? AND takedown <= ?),
                   count(*) FILTER (WHERE takedown IS NULL AND status = 'removed'),
                   count(*) FILTER (WHERE community_id IS NULL),
                   count(*) FILTER (WHERE posted_at IS NULL),
                   count(*) FILTER (WHERE updated_at < created_at),
                   count(*) FILTER (WHERE url IS NULL OR btrim(url) = '')
            FROM (
                SELECT p.status, p.created_at, p.community_id, p.posted_at, p.updated_at, p.url,
                       coalesce(c.slug, ?) AS community,
                       COALESCE(fr.first_takedown, p.removed_at) AS takedown,
                       date_trunc('month', COALESCE(fr.first_takedown, p.removed_at) AT TIME ZONE 'UTC') AS month,
                       CASE WHEN fr.first_takedown IS NOT NULL THEN 'report_flow'
                            WHEN p.removed_at IS NOT NULL THEN 'legacy_fallback' END AS source
                FROM posts p
                LEFT JOIN communities c ON c.id = p.community_id
                -- Reports without a takedown cannot be the earliest one: leaving them out halves the groups to hash.
                LEFT JOIN (SELECT post_id, min(taken_down_at) AS first_takedown FROM post_reports
                           WHERE taken_down_at IS NOT NULL GROUP BY post_id) fr
                       ON fr.post_id = p.id
                WHERE p.id NOT IN (SELECT unnest(?::bigint[]))
            ) AS facts
            GROUP BY GROUPING SETS ((month), (source), (community), ())""";

    /** @param leftOut quarantined legacy posts, which the target cannot have as they are */
    public Result read(LegacySnapshot snapshot, Long[] leftOut, RateWindow window) throws SQLException {
        var connection = snapshot.connection();
        try (var settings = connection.createStatement()) {
            // One pass with hashed groups instead of sorts that spill: local to the snapshot's transaction.
            settings.execute("SET LOCAL work_mem = '64MB'");
        }
        try (var statement = connection.prepareStatement(FIGURES)) {
            int i = 1;
            statement.setObject(i++, window.fromTime());
            statement.setObject(i++, window.toTime());
            statement.setObject(i++, window.fromTime());
            statement.setObject(i++, window.toTime());
            statement.setObject(i++, window.asOf());
            statement.setString(i++, BusinessFigures.NO_COMMUNITY);
            statement.setArray(i, connection.createArrayOf("int8", leftOut));
            var byMonth = new TreeMap<String, Long>();
            var bySource = new TreeMap<String, Long>();
            var byCommunity = new TreeMap<String, Long>();
            long submissions = 0;
            long removed = 0;
            long windowSubmitted = 0;
            long windowRemoved = 0;
            long removedStatusWithoutTakedown = 0;
            var quality = new LinkedHashMap<String, Long>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean(1)) {
                        LocalDateTime month = rows.getObject(4, LocalDateTime.class);
                        if (month != null) {
                            byMonth.put(MONTH.format(month), rows.getLong(8));
                        }
                    } else if (rows.getBoolean(2)) {
                        if (rows.getString(5) != null) {
                            bySource.put(rows.getString(5), rows.getLong(8));
                        }
                    } else if (rows.getBoolean(3)) {
                        byCommunity.put(rows.getString(6), rows.getLong(7));
                    } else {
                        submissions = rows.getLong(7);
                        removed = rows.getLong(8);
                        windowSubmitted = rows.getLong(9);
                        windowRemoved = rows.getLong(10);
                        removedStatusWithoutTakedown = rows.getLong(11);
                        quality.put("posts_without_community", rows.getLong(12));
                        quality.put("posts_without_posted_at", rows.getLong(13));
                        quality.put("posts_updated_before_created", rows.getLong(14));
                        quality.put("posts_without_url", rows.getLong(15));
                    }
                }
            }
            return new Result(new BusinessFigures(submissions, removed, byMonth, bySource,
                    window.rate(windowSubmitted, windowRemoved), byCommunity), removedStatusWithoutTakedown, quality);
        }
    }
}
