package org.moderation.bi.dashboard.timeseries;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.compile.CompiledQuery;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;
import org.moderation.bi.shared.metrics.compile.TooManyRows;

/**
 * A built-in metric per bucket (and series), compiled by the metric compiler, which reads the hourly or daily rollup
 * where they can answer and the facts otherwise; buckets without rows are filled in here.
 */
@ApplicationScoped
public class TimeSeriesQuery {

    /** Buckets × series: {@link TimeSeriesService#MAX_BUCKETS} of each of a dozen platform details; more is a 400. */
    private static final int ROWS = 100_000;

    /** The values of a series, and what they were summed from. */
    public record Result(List<TimeSeriesView.Series> series, MetricSqlCompiler.Source source) {
    }

    private final ReadModelQueries queries;

    public TimeSeriesQuery(ReadModelQueries queries) {
        this.queries = queries;
    }

    public Result run(Metric metric, Granularity granularity, GroupBy groupBy, TimeWindow window, ZoneId zone,
            CommunityScope scope) throws SQLException {
        List<Column> grouping = groupBy == null ? List.of() : List.of(groupBy.column);
        var spec = new MetricSqlCompiler.Spec(window.from(), window.to(), zone, granularity.grain(),
                List.of(grouping), List.of(), scope.compilerScope(), ROWS);
        CompiledQuery query = MetricSqlCompiler.compile(metric.measures(), spec, Instant.now());
        List<CompiledQuery.Row> rows;
        try {
            rows = queries.select(query.sql(), statement -> query.bind(statement, 1), query::read);
        } catch (TooManyRows tooMany) {
            throw new ApiException(400, "result_too_large", "the series have more than " + tooMany.limit()
                    + " points; use a coarser granularity, another groupBy or a shorter window");
        }

        Map<String, Map<LocalDateTime, Double[]>> bySeries = new TreeMap<>(Comparator.nullsFirst(String::compareTo));
        if (groupBy == null) {
            bySeries.put(null, new HashMap<>());
        }
        for (CompiledQuery.Row row : rows) {
            bySeries.computeIfAbsent(groupBy == null ? null : row.group().get(groupBy.column), key -> new HashMap<>())
                    .put(LocalDateTime.ofInstant(row.bucket(), zone), row.values());
        }
        List<LocalDateTime> buckets = buckets(granularity, window, zone);
        var series = new ArrayList<TimeSeriesView.Series>();
        bySeries.forEach((key, values) -> series.add(new TimeSeriesView.Series(key, buckets.stream()
                .map(bucket -> new TimeSeriesView.Point(granularity.label(bucket, zone), value(metric,
                        values.get(bucket))))
                .toList())));
        return new Result(series, query.source());
    }

    /** Every bucket that starts before the window ends, from the one holding the window's start. */
    static List<LocalDateTime> buckets(Granularity granularity, TimeWindow window, ZoneId zone) {
        var buckets = new ArrayList<LocalDateTime>();
        LocalDateTime bucket = granularity.bucketOf(LocalDateTime.ofInstant(window.from(), zone));
        while (bucket.atZone(zone).toInstant().isBefore(window.to())) {
            buckets.add(bucket);
            bucket = granularity.next(bucket);
        }
        return buckets;
    }

    /** A count, or a ratio of the bucket's summed parts (null without a denominator). */
    private static Number value(Metric metric, Double[] values) {
        if (metric.measures().size() == 2) {
            return values == null || values[1] == null || values[1] == 0 ? null : values[0] / values[1];
        }
        return values == null || values[0] == null ? 0L : Math.round(values[0]);
    }
}
