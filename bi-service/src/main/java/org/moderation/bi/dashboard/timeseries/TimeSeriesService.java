package org.moderation.bi.dashboard.timeseries;

import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import org.moderation.bi.dashboard.readmodel.KeptAnswers;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
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
    private final Clock clock;

    public TimeSeriesService(ScopeResolver scopes, ReadModel readModel, KeptAnswers kept, Clock clock) {
        this.clock = clock;
        this.scopes = scopes;
        this.readModel = readModel;
        this.kept = kept;
    }

    private record Key(Metric metric, Granularity granularity, GroupBy groupBy, TimeWindow window, ZoneId zone,
            CommunityScope scope) {
    }

    public TimeSeriesView series(Metric metric, Granularity granularity, GroupBy groupBy, TimeWindow window,
            ZoneId zone, List<String> communities) throws SQLException {
        if (granularity == Granularity.HOUR && window.from().isBefore(clock.instant().minus(Granularity.HOURS_KEPT))) {
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
        KeptAnswers.Kept<SeriesOfAnswer> read = kept.answer(window.from(), window.to(),
                new Key(metric, granularity, groupBy, window, zone, scope),
                snapshot -> new SeriesOfAnswer(readModel.answer(snapshot, question).result(resolved.key()), groupBy,
                        granularity, window, zone, metric.share(), clock.instant()),
                SeriesOfAnswer::size);
        SeriesOfAnswer answer = read.answer();
        return new TimeSeriesView(metric.code(), granularity.code(), zone.getId(),
                groupBy == null ? null : groupBy.code(), new OverviewView.Window(window.from(), window.to()),
                answer.at(clock.instant()), scope.view(), read.freshness(), answer.provenance());
    }
}
