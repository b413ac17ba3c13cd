package org.moderation.bi.dashboard.timeseries;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import org.moderation.bi.dashboard.readmodel.KeptAnswers;
import org.moderation.bi.dashboard.readmodel.Provenances;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Buckets;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;
import org.moderation.bi.shared.metrics.Column;

/** A built-in metric over time, within what the caller may see, evaluated by the metric engine in one snapshot. */
@ApplicationScoped
public class TimeSeriesService {

    /** More buckets than this is a request no chart can show (ten years of days is 3,653). */
    static final int MAX_BUCKETS = 4_000;
    /** Buckets × series: {@link #MAX_BUCKETS} of each of a dozen platform details; more is a 400. */
    private static final int ROWS = 100_000;

    private final ScopeResolver scopes;
    private final ReadModel readModel;
    private final KeptAnswers kept;

    public TimeSeriesService(ScopeResolver scopes, ReadModel readModel, KeptAnswers kept) {
        this.scopes = scopes;
        this.readModel = readModel;
        this.kept = kept;
    }

    private record Key(Metric metric, Granularity granularity, GroupBy groupBy, TimeWindow window, ZoneId zone,
            CommunityScope scope) {
    }

    public TimeSeriesView series(Metric metric, Granularity granularity, GroupBy groupBy, TimeWindow window,
            ZoneId zone, List<String> communities) throws SQLException {
        if (granularity == Granularity.HOUR && window.from().isBefore(Instant.now().minus(Granularity.HOURS_KEPT))) {
            throw new BadRequestException("hourly buckets cover the last " + Granularity.HOURS_KEPT.toDays()
                    + " days; start the window later or choose day");
        }
        if (Buckets.count(window.from(), window.to(), granularity.grain(), zone) > MAX_BUCKETS) {
            throw new BadRequestException("the window holds more than " + MAX_BUCKETS + " "
                    + granularity.code() + "s; choose a shorter window or a coarser granularity");
        }
        CommunityScope scope = scopes.resolve(communities);
        ResolvedMetric resolved = ResolvedMetric.builtIn(metric.definition);
        var question = new Question(List.of(resolved), window.from(), window.to(), zone, granularity.grain(), true,
                List.of(groupBy == null ? List.of() : List.of(groupBy.column)), List.of(), scope.engineScope(), ROWS);
        KeptAnswers.Kept<Answer> read = kept.answer(window.from(), window.to(),
                new Key(metric, granularity, groupBy, window, zone, scope),
                snapshot -> readModel.answer(snapshot, question));
        Answer.Result result = read.answer().result(resolved.key());
        return new TimeSeriesView(metric.code(), granularity.code(), zone.getId(),
                groupBy == null ? null : groupBy.code(), new OverviewView.Window(window.from(), window.to()),
                series(result, groupBy, granularity, zone, metric == Metric.REMOVAL_RATE,
                        buckets(window, granularity, zone)), scope.view(),
                read.freshness(), Provenances.of(result.provenance()));
    }

    /**
     * The window's buckets by their start, partial or not as of now (not as of the answer, which may have been kept
     * since an earlier request).
     */
    private static Map<Instant, Answer.Bucket> buckets(TimeWindow window, Granularity granularity, ZoneId zone) {
        var buckets = new LinkedHashMap<Instant, Answer.Bucket>();
        Buckets.of(window.from(), window.to(), granularity.grain(), zone, Instant.now())
                .forEach(bucket -> buckets.put(bucket.start(), bucket));
        return buckets;
    }

    /** One series per group (one, keyed null, without groupBy), each with every bucket in order. */
    private static List<TimeSeriesView.Series> series(Answer.Result result, GroupBy groupBy, Granularity granularity,
            ZoneId zone, boolean share, Map<Instant, Answer.Bucket> buckets) {
        Map<String, Map<Instant, Double>> byGroup = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Answer.Value value : result.values()) {
            String key = groupBy == null ? null : value.group().get(groupBy.column);
            byGroup.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(value.bucket(), value.value());
        }
        var series = new ArrayList<TimeSeriesView.Series>();
        byGroup.forEach((key, points) -> series.add(new TimeSeriesView.Series(key, points.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(p -> point(granularity.label(p.getKey(), zone),
                        share ? p.getValue() : (Number) (p.getValue() == null ? 0L : Math.round(p.getValue())),
                        buckets.get(p.getKey())))
                .toList())));
        return series;
    }

    private static TimeSeriesView.Point point(String start, Number value, Answer.Bucket bucket) {
        return new TimeSeriesView.Point(start, value, bucket.coveredFrom(), bucket.coveredTo(), bucket.partial());
    }
}
