package org.moderation.bi.dashboard.overview;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.query.ReadModelQueries;
import org.moderation.bi.dashboard.query.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.compile.CompiledQuery;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;

/**
 * The overview's numbers are the built-in metrics, compiled by the metric compiler into one statement grouped four
 * ways (total, platform, platform detail, community): submissions, removals, the removal rate's numerator and
 * denominator, and removals by source (the removals_by_source metric, its one breakdown taken value by value).
 */
@ApplicationScoped
public class OverviewQuery {

    private static final List<List<Column>> GROUPINGS = List.of(List.of(), List.of(Column.PLATFORM),
            List.of(Column.PLATFORM_DETAIL), List.of(Column.COMMUNITY));

    /** In this order: submissions, removed, removal rate numerator and denominator, then one per takedown source. */
    private static final List<Measure> MEASURES = measures();

    private static final int ROWS = 10_000;

    private final ReadModelQueries queries;

    public OverviewQuery(ReadModelQueries queries) {
        this.queries = queries;
    }

    /** Everything of the overview but its window, scope, labels and freshness; and what it was summed from. */
    public Numbers run(TimeWindow window, ZoneId zone, CommunityScope scope) throws SQLException {
        var spec = new MetricSqlCompiler.Spec(window.from(), window.to(), zone, null, GROUPINGS, List.of(),
                scope.compilerScope(), ROWS);
        CompiledQuery query = MetricSqlCompiler.compile(MEASURES, spec, Instant.now());
        List<CompiledQuery.Row> rows = queries.select(query.sql(), statement -> query.bind(statement, 1), query::read);
        return collect(rows, query.source());
    }

    /** The grouped rows, sorted by key so that answers are stable. */
    public record Numbers(Counts total, Map<String, Long> takedownSources,
            List<OverviewView.PlatformCounts> byPlatform, List<OverviewView.PlatformDetailCounts> byPlatformDetail,
            Map<String, Counts> byCommunity, MetricSqlCompiler.Source source) {
    }

    record Counts(long submissions, long removed, long rateNumerator, long rateDenominator) {
        Double rate() {
            return rateDenominator == 0 ? null : (double) rateNumerator / rateDenominator;
        }
    }

    private static List<Measure> measures() {
        var measures = new ArrayList<>(List.of(BuiltInMetrics.SUBMISSIONS.measure(), BuiltInMetrics.REMOVALS.measure(),
                BuiltInMetrics.REMOVAL_RATE.numerator(), BuiltInMetrics.REMOVAL_RATE.denominator()));
        BuiltInMetrics.TAKEDOWN_SOURCES.forEach(source -> measures.add(BuiltInMetrics.removalsFrom(source)));
        return List.copyOf(measures);
    }

    private static Numbers collect(List<CompiledQuery.Row> rows, MetricSqlCompiler.Source source) {
        Counts total = new Counts(0, 0, 0, 0);
        Map<String, Long> sources = new TreeMap<>();
        BuiltInMetrics.TAKEDOWN_SOURCES.forEach(s -> sources.put(s, 0L));
        var platforms = new TreeMap<String, Counts>();
        var details = new TreeMap<String, Counts>();
        var communities = new TreeMap<String, Counts>(Comparator.nullsFirst(String::compareTo));
        for (CompiledQuery.Row row : rows) {
            Double[] v = row.values();
            var counts = new Counts(count(v[0]), count(v[1]), count(v[2]), count(v[3]));
            switch (row.grouping()) {
                case 0 -> {
                    total = counts;
                    for (int i = 0; i < BuiltInMetrics.TAKEDOWN_SOURCES.size(); i++) {
                        sources.put(BuiltInMetrics.TAKEDOWN_SOURCES.get(i), count(v[4 + i]));
                    }
                }
                case 1 -> platforms.put(row.group().get(Column.PLATFORM), counts);
                case 2 -> details.put(row.group().get(Column.PLATFORM_DETAIL), counts);
                default -> communities.put(row.group().get(Column.COMMUNITY), counts);
            }
        }
        var byPlatform = new ArrayList<OverviewView.PlatformCounts>();
        platforms.forEach((k, c) -> byPlatform.add(new OverviewView.PlatformCounts(k, c.submissions(), c.removed(),
                c.rate())));
        var byDetail = new ArrayList<OverviewView.PlatformDetailCounts>();
        details.forEach((k, c) -> byDetail.add(new OverviewView.PlatformDetailCounts(k, c.submissions(), c.removed(),
                c.rate())));
        return new Numbers(total, sources, byPlatform, byDetail, Collections.unmodifiableMap(communities), source);
    }

    private static long count(Double value) {
        return value == null ? 0 : Math.round(value);
    }
}
