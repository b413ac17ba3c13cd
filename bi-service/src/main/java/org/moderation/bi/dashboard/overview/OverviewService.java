package org.moderation.bi.dashboard.overview;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.readmodel.KeptAnswers;
import org.moderation.bi.dashboard.readmodel.Maturities;
import org.moderation.bi.dashboard.readmodel.Provenances;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.scope.Communities;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.api.dashboard.NumberProvenance;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;

/**
 * The executive overview for a window, within what the caller may see: the built-in metrics (their latest versions,
 * as every catalog seeds them: the removal rate within 14 days of submission) evaluated by the metric engine in one
 * snapshot, in total and by platform, platform detail and community.
 */
@ApplicationScoped
public class OverviewService {

    private static final ResolvedMetric SUBMISSIONS = ResolvedMetric.builtIn(BuiltInMetrics.SUBMISSIONS_V1);
    private static final ResolvedMetric REMOVALS = ResolvedMetric.builtIn(BuiltInMetrics.REMOVALS_V1);
    private static final ResolvedMetric REMOVAL_RATE = ResolvedMetric.builtIn(BuiltInMetrics.REMOVAL_RATE_V2);
    private static final ResolvedMetric BY_SOURCE = ResolvedMetric.builtIn(BuiltInMetrics.REMOVALS_BY_SOURCE_V1);

    /** The grouping sets, in this order: the total, then platform, platform detail and community. */
    private static final List<List<Column>> GROUPINGS = List.of(List.of(), List.of(Column.PLATFORM),
            List.of(Column.PLATFORM_DETAIL), List.of(Column.COMMUNITY));
    private static final int ROWS = 10_000;

    private final ScopeResolver scopes;
    private final ReadModel readModel;
    private final KeptAnswers kept;
    private final Communities communities;
    private final Clock clock;

    public OverviewService(ScopeResolver scopes, ReadModel readModel, KeptAnswers kept, Communities communities,
            Clock clock) {
        this.clock = clock;
        this.scopes = scopes;
        this.readModel = readModel;
        this.kept = kept;
        this.communities = communities;
    }

    private record Key(TimeWindow window, CommunityScope scope) {
    }

    public OverviewView overview(TimeWindow window, java.time.ZoneId zone, List<String> requested) throws SQLException {
        CommunityScope scope = scopes.resolve(requested);
        // The zone only placed the window's ends: the answer is the same for every zone with the same ends.
        var question = Question.grouped(List.of(SUBMISSIONS, REMOVALS, REMOVAL_RATE, BY_SOURCE), window.from(),
                window.to(), GROUPINGS, List.of(), scope.engineScope(), ROWS);
        KeptAnswers.Kept<Answer> read = kept.answer(window.from(), window.to(), new Key(window, scope),
                snapshot -> readModel.answer(snapshot, question), Answer::size);
        Answer answer = read.answer();
        Answer.Result submissions = answer.result(SUBMISSIONS.key());
        Answer.Result removals = answer.result(REMOVALS.key());
        Answer.Result rate = answer.result(REMOVAL_RATE.key());
        var sources = new TreeMap<String, Long>();
        answer.result(BY_SOURCE.key()).values().stream().filter(v -> v.grouping() == 0)
                .forEach(v -> sources.put(v.group().get(Column.TAKEDOWN_SOURCE), count(v.value())));
        var byPlatform = new ArrayList<OverviewView.PlatformCounts>();
        groups(answer, 1, Column.PLATFORM).forEach((platform, group) -> byPlatform.add(new OverviewView.PlatformCounts(
                platform, count(submissions, 1, group), count(removals, 1, group), value(rate, 1, group))));
        var byDetail = new ArrayList<OverviewView.PlatformDetailCounts>();
        groups(answer, 2, Column.PLATFORM_DETAIL).forEach((detail, group) -> byDetail.add(
                new OverviewView.PlatformDetailCounts(detail, count(submissions, 2, group), count(removals, 2, group),
                        value(rate, 2, group))));
        var byCommunity = new ArrayList<OverviewView.CommunityCounts>();
        for (var entry : groups(answer, 3, Column.COMMUNITY).entrySet()) {
            var group = entry.getValue();
            byCommunity.add(new OverviewView.CommunityCounts(entry.getKey(), communities.label(entry.getKey()),
                    count(submissions, 3, group), count(removals, 3, group), value(rate, 3, group)));
        }
        return new OverviewView(count(submissions.total().value()), count(removals.total().value()),
                rate.total().value(), sources, byPlatform, byDetail, byCommunity,
                new OverviewView.Window(window.from(), window.to()), scope.view(), read.freshness(),
                provenance(answer), Maturities.of(rate, window.to(), clock.instant()));
    }

    /** Each number of the overview, and the breakdowns' columns, with the metric it is and where it was read. */
    private static Map<String, NumberProvenance> provenance(Answer answer) {
        return Map.of("submissions", Provenances.of(answer.result(SUBMISSIONS.key()).provenance()),
                "removed", Provenances.of(answer.result(REMOVALS.key()).provenance()),
                "removalRate", Provenances.of(answer.result(REMOVAL_RATE.key()).provenance()),
                "takedownSources", Provenances.of(answer.result(BY_SOURCE.key()).provenance()));
    }

    /** The groups of a grouping set any metric has a value for, by the dimension's value (sorted, null first). */
    private static Map<String, Map<Column, String>> groups(Answer answer, int grouping, Column dimension) {
        var values = new TreeSet<String>(Comparator.nullsFirst(Comparator.naturalOrder()));
        var groups = new LinkedHashMap<String, Map<Column, String>>();
        for (Answer.Result result : List.of(answer.result(SUBMISSIONS.key()), answer.result(REMOVALS.key()))) {
            result.values().stream().filter(v -> v.grouping() == grouping).forEach(v -> {
                values.add(v.group().get(dimension));
                groups.put(v.group().get(dimension), v.group());
            });
        }
        var sorted = new LinkedHashMap<String, Map<Column, String>>();
        values.forEach(v -> sorted.put(v, groups.get(v)));
        return sorted;
    }

    private static long count(Answer.Result result, int grouping, Map<Column, String> group) {
        Answer.Value value = result.at(grouping, group);
        return value == null ? 0 : count(value.value());
    }

    private static Double value(Answer.Result result, int grouping, Map<Column, String> group) {
        Answer.Value value = result.at(grouping, group);
        return value == null ? null : value.value();
    }

    private static long count(Double value) {
        return value == null ? 0 : Math.round(value);
    }
}
