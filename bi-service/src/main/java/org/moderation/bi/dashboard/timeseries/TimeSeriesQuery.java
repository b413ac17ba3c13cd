package org.moderation.bi.dashboard.timeseries;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.query.ReadModelQueries;
import org.moderation.bi.dashboard.query.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;

/**
 * Counts per bucket (and series); buckets without rows are filled in here. Whole UTC days bucketed in UTC are
 * summed from the daily rollup, anything else counted from {@code mv_submission_facts}.
 */
@ApplicationScoped
public class TimeSeriesQuery {

    private record Counts(long count, long removedByNow) {
    }

    private final ReadModelQueries queries;

    public TimeSeriesQuery(ReadModelQueries queries) {
        this.queries = queries;
    }

    public List<TimeSeriesView.Series> run(Metric metric, Granularity granularity,
            GroupBy groupBy, TimeWindow window, ZoneId zone, CommunityScope scope) throws SQLException {
        boolean fromRollup = ZoneOffset.UTC.equals(zone.normalized()) && window.wholeUtcDays()
                && (groupBy == null || groupBy.rollupColumn != null);
        // Only enum constants are joined into the texts; every value is a bound parameter.
        String time = metric.timeColumn;
        String sql = fromRollup
                ? "SELECT (date_trunc(?, r.day))::date, "
                        + (groupBy == null ? "NULL::text" : groupBy.rollupColumn) + ", sum(r." + metric.rollupColumn
                        + "), sum(r.submissions_removed) FROM mv_daily_rollup r "
                        + "LEFT JOIN communities c ON c.id = r.community_id WHERE (? OR c.slug = ANY (?)) "
                        + "AND r.day >= ? AND r.day < ? GROUP BY 1, 2 "
                        + "HAVING sum(r." + metric.rollupColumn + ") > 0"
                : "SELECT (date_trunc(?, " + time + " AT TIME ZONE ?))::date, "
                        + (groupBy == null ? "NULL::text" : groupBy.column) + ", count(*), "
                        + "count(*) FILTER (WHERE effective_takedown_at <= now()) FROM mv_submission_facts "
                        + "WHERE (? OR community_slug = ANY (?)) AND " + time + " >= ? AND " + time + " < ? GROUP BY 1, 2";
        Map<String, Map<LocalDate, Counts>> bySeries = queries.select(sql, statement -> {
            int i = 1;
            statement.setString(i++, granularity.code());
            if (!fromRollup) {
                statement.setString(i++, zone.getId());
            }
            statement.setBoolean(i++, scope.all());
            statement.setArray(i++, statement.getConnection().createArrayOf("text", scope.communities().toArray()));
            if (fromRollup) {
                statement.setObject(i++, window.from().atOffset(ZoneOffset.UTC).toLocalDate());
                statement.setObject(i, window.to().atOffset(ZoneOffset.UTC).toLocalDate());
            } else {
                statement.setTimestamp(i++, Timestamp.from(window.from()));
                statement.setTimestamp(i, Timestamp.from(window.to()));
            }
        }, rows -> {
            Map<String, Map<LocalDate, Counts>> counts = new TreeMap<>(Comparator.nullsFirst(String::compareTo));
            if (groupBy == null) {
                counts.put(null, new HashMap<>());
            }
            while (rows.next()) {
                counts.computeIfAbsent(rows.getString(2), key -> new HashMap<>())
                        .put(rows.getObject(1, LocalDate.class), new Counts(rows.getLong(3), rows.getLong(4)));
            }
            return counts;
        });
        List<LocalDate> buckets = buckets(granularity, window, zone);
        var series = new ArrayList<TimeSeriesView.Series>();
        bySeries.forEach((key, counts) -> series.add(new TimeSeriesView.Series(key, buckets.stream()
                .map(bucket -> new TimeSeriesView.Point(bucket, value(metric, counts.get(bucket))))
                .toList())));
        return series;
    }


    /** Every bucket that starts before the window ends, from the one holding the window's start. */
    static List<LocalDate> buckets(Granularity granularity, TimeWindow window, ZoneId zone) {
        var buckets = new ArrayList<LocalDate>();
        LocalDate bucket = granularity.bucketOf(window.from().atZone(zone).toLocalDate());
        while (bucket.atStartOfDay(zone).toInstant().isBefore(window.to())) {
            buckets.add(bucket);
            bucket = granularity.next(bucket);
        }
        return buckets;
    }

    private static Number value(Metric metric, Counts counts) {
        if (metric == Metric.REMOVAL_RATE) {
            return counts == null || counts.count() == 0 ? null : (double) counts.removedByNow() / counts.count();
        }
        return counts == null ? 0L : counts.count();
    }
}
