package org.moderation.bi.dashboard.timeseries;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.query.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;

/** Counts per bucket (and series) from {@code mv_submission_facts}; buckets without rows are filled in here. */
@ApplicationScoped
public class TimeSeriesQuery {

    private record Counts(long count, long removedByNow) {
    }

    public List<TimeSeriesView.Series> run(Connection connection, Metric metric, Granularity granularity,
            GroupBy groupBy, TimeWindow window, ZoneId zone, CommunityScope scope) throws SQLException {
        // Only enum constants are joined into the text; every value is a bound parameter.
        String time = metric.timeColumn;
        String sql = "SELECT (date_trunc(?, " + time + " AT TIME ZONE ?))::date, "
                + (groupBy == null ? "NULL::text" : groupBy.column) + ", count(*), "
                + "count(*) FILTER (WHERE effective_takedown_at <= now()) FROM mv_submission_facts "
                + "WHERE (? OR community_slug = ANY (?)) AND " + time + " >= ? AND " + time + " < ? GROUP BY 1, 2";
        Map<String, Map<LocalDate, Counts>> bySeries = new TreeMap<>(Comparator.nullsFirst(String::compareTo));
        if (groupBy == null) {
            bySeries.put(null, new HashMap<>());
        }
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, granularity.code());
            statement.setString(2, zone.getId());
            statement.setBoolean(3, scope.all());
            statement.setArray(4, connection.createArrayOf("text", scope.communities().toArray()));
            statement.setTimestamp(5, Timestamp.from(window.from()));
            statement.setTimestamp(6, Timestamp.from(window.to()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    bySeries.computeIfAbsent(rows.getString(2), key -> new HashMap<>())
                            .put(rows.getObject(1, LocalDate.class), new Counts(rows.getLong(3), rows.getLong(4)));
                }
            }
        }
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
