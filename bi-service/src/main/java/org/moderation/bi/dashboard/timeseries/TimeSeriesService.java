package org.moderation.bi.dashboard.timeseries;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import org.moderation.bi.dashboard.freshness.ReadModelFreshness;
import org.moderation.bi.dashboard.metrics.BuiltInProvenance;
import org.moderation.bi.dashboard.query.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;

/** A metric over time, within what the caller may see. */
@ApplicationScoped
public class TimeSeriesService {

    /** More buckets than this is a request no chart can show (ten years of days is 3,653). */
    static final int MAX_BUCKETS = 4_000;

    private final ScopeResolver scopes;
    private final TimeSeriesQuery query;
    private final ReadModelFreshness freshness;

    public TimeSeriesService(ScopeResolver scopes, TimeSeriesQuery query, ReadModelFreshness freshness) {
        this.scopes = scopes;
        this.query = query;
        this.freshness = freshness;
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
        if (TimeSeriesQuery.buckets(granularity, window, zone).size() > MAX_BUCKETS) {
            throw new BadRequestException("the window holds more than " + MAX_BUCKETS + " "
                    + granularity.code() + "s; choose a shorter window or a coarser granularity");
        }
        CommunityScope scope = scopes.resolve(communities);
        TimeSeriesQuery.Result result = freshness.answer(new Key(metric, granularity, groupBy, window, zone, scope),
                () -> query.run(metric, granularity, groupBy, window, zone, scope));
        return new TimeSeriesView(metric.code(), granularity.code(), zone.getId(),
                groupBy == null ? null : groupBy.code(), new OverviewView.Window(window.from(), window.to()),
                result.series(), scope.view(), freshness.freshness(),
                BuiltInProvenance.of(metric.definition, result.source()));
    }
}
