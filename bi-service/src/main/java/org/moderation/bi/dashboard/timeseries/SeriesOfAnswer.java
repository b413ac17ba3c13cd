package org.moderation.bi.dashboard.timeseries;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.moderation.bi.dashboard.readmodel.Maturities;
import org.moderation.bi.dashboard.readmodel.Provenances;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Buckets;
import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.api.dashboard.NumberProvenance;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;

/**
 * An answer's series as the API shows them. A point's {@code partial} and {@code maturity} are as of the request (not
 * as of the answer, which may have been kept since an earlier one), and change only where a bucket of the window ends
 * or matures; everything else in a point is the answer's. So the points are built when the answer is computed, and
 * again only once the clock has
 * passed one of its buckets' ends: an answer kept for many requests is not turned into points at each of them.
 */
final class SeriesOfAnswer {

    private record Built(Buckets.Span unchanged, List<TimeSeriesView.Series> series) {
    }

    private final Answer.Result result;
    private final NumberProvenance provenance;
    private final GroupBy groupBy;
    private final Granularity granularity;
    private final TimeWindow window;
    private final ZoneId zone;
    private final boolean share;
    /**
     * Two requests may build at once, each the points of its own time; whichever is kept, a request whose time it
     * does not hold builds again.
     */
    private volatile Built built;

    /**
     * The points as of {@code now} are built here, while requests for the same answer wait for it to be kept.
     * {@code share}: the values are shares between 0 and 1, not counts to be rounded.
     */
    SeriesOfAnswer(Answer.Result result, GroupBy groupBy, Granularity granularity, TimeWindow window, ZoneId zone,
            boolean share, Instant now) {
        this.result = result;
        this.provenance = Provenances.of(result.provenance());
        this.groupBy = groupBy;
        this.granularity = granularity;
        this.window = window;
        this.zone = zone;
        this.share = share;
        this.built = buildAt(now);
    }

    /** The answer's values and the points built from them. */
    int size() {
        return result.values().size() + built.series().stream().mapToInt(s -> s.points().size()).sum();
    }

    NumberProvenance provenance() {
        return provenance;
    }

    /** One series per group (one, keyed null, without groupBy), each with every bucket in order, as of {@code now}. */
    List<TimeSeriesView.Series> at(Instant now) {
        Built current = built;
        if (!current.unchanged().contains(now)) {
            current = buildAt(now);
            built = current;
        }
        return current.series();
    }

    private Built buildAt(Instant now) {
        Buckets.AsOf asOf = Buckets.asOf(window.from(), window.to(), granularity.grain(), zone, now);
        var buckets = new LinkedHashMap<Instant, Answer.Bucket>();
        var maturities = new LinkedHashMap<Instant, MaturityView>();
        asOf.buckets().forEach(bucket -> {
            buckets.put(bucket.start(), bucket);
            maturities.put(bucket.start(), Maturities.of(result, bucket.coveredTo(), now));
        });
        Map<String, Map<Instant, Double>> byGroup = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Answer.Value value : result.values()) {
            String key = groupBy == null ? null : value.group().get(groupBy.column);
            byGroup.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(value.bucket(), value.value());
        }
        var series = new ArrayList<TimeSeriesView.Series>();
        byGroup.forEach((key, points) -> series.add(new TimeSeriesView.Series(key, points.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(p -> point(buckets.get(p.getKey()), value(p.getValue()), maturities.get(p.getKey())))
                .toList())));
        return new Built(Maturities.unchangedWithin(asOf.unchanged(), maturities.values(), now), List.copyOf(series));
    }

    private Number value(Double value) {
        return share ? value : (Number) (value == null ? 0L : Math.round(value));
    }

    private TimeSeriesView.Point point(Answer.Bucket bucket, Number value, MaturityView maturity) {
        return new TimeSeriesView.Point(granularity.label(bucket, zone), value, bucket.coveredFrom(),
                bucket.coveredTo(), bucket.partial(), maturity);
    }
}
