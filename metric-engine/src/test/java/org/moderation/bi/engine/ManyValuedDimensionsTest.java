package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * Many-valued dimensions on five hand-built submissions of May 2024, worked out by hand: each submission counts once
 * in the group of each of its values and once in "none" without any, the total counts it once (never the sum of the
 * groups), a filter naming values narrows both the submissions and the groups, and a top N's "other" counts the
 * submissions outside it once each.
 * <pre>
 *   1  categories {conspiracy, holocaust_denial}  hashtags {nwo, jews}  reports platform_form, trusted_flagger  removed
 *   2  categories {conspiracy}                    hashtags {nwo}        reports email                            -
 *   3  categories {}                              hashtags {}           no report                                removed
 *   4  categories {holocaust_denial}              hashtags {jews, zog}  reports trusted_flagger                  removed
 *   5  categories {slur}                          hashtags {zog}        reports email                            -
 * </pre>
 */
class ManyValuedDimensionsTest {

    private static final ResolvedMetric SUBMISSIONS = ResolvedMetric.builtIn(BuiltInMetrics.SUBMISSIONS);
    private static final ResolvedMetric RATE = ResolvedMetric.builtIn(BuiltInMetrics.REMOVAL_RATE_BY_NOW);
    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");

    private static ReadModelDatabase database;
    private static Snapshots snapshots;
    private final MetricEngine engine = new MetricEngine(Clock.systemUTC());

    @BeforeAll
    static void readModel() throws Exception {
        database = ReadModelDatabase.create();
        database.execute("""
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES (1, 'North', 'north', '2021-01-01');
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, last_run_id) VALUES
                    (1, 1, 'x', 'x', 'url_host', 'removed', '2024-05-03 10:00+00', '2024-05-04 10:00+00', now(), 1),
                    (2, 1, 'x', 'x', 'url_host', 'new', '2024-05-04 10:00+00', NULL, now(), 1),
                    (3, 1, 'x', 'x', 'url_host', 'removed', '2024-05-05 10:00+00', '2024-05-06 10:00+00', now(), 1),
                    (4, 1, 'x', 'x', 'url_host', 'removed', '2024-05-10 10:00+00', '2024-05-11 10:00+00', now(), 1),
                    (5, 1, 'x', 'x', 'url_host', 'new', '2024-05-12 10:00+00', NULL, now(), 1);
                INSERT INTO categories (code) VALUES ('conspiracy'), ('holocaust_denial'), ('slur');
                INSERT INTO hashtags (tag) VALUES ('nwo'), ('jews'), ('zog');
                INSERT INTO submission_categories (submission_id, category_id)
                SELECT s.id, c.id FROM submissions s JOIN categories c ON (s.legacy_id, c.code) IN
                    ((1, 'conspiracy'), (1, 'holocaust_denial'), (2, 'conspiracy'), (4, 'holocaust_denial'), (5, 'slur'));
                INSERT INTO submission_hashtags (submission_id, hashtag_id)
                SELECT s.id, h.id FROM submissions s JOIN hashtags h ON (s.legacy_id, h.tag) IN
                    ((1, 'nwo'), (1, 'jews'), (2, 'nwo'), (4, 'jews'), (4, 'zog'), (5, 'zog'));
                INSERT INTO reports (legacy_id, submission_id, channel, reported_at, legacy_updated_at)
                SELECT r.legacy_id, s.id, r.channel, s.submitted_at + interval '1 hour', now()
                FROM (VALUES (11, 1, 'platform_form'), (12, 1, 'trusted_flagger'), (21, 2, 'email'),
                             (41, 4, 'trusted_flagger'), (51, 5, 'email')) AS r (legacy_id, submission, channel)
                JOIN submissions s ON s.legacy_id = r.submission;
                SELECT refresh_submission_facts();""");
        snapshots = new Snapshots(database.dataSource(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void eachSubmissionCountsOnceInEachOfItsGroupsAndOnceInTheTotal() throws Exception {
        Answer answer = ask(List.of(List.of(Column.CATEGORY), List.of()), List.of(), null);

        assertThat(values(answer.result("submissions"), 0)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "conspiracy", 2.0, "holocaust_denial", 2.0, "slur", 1.0, "(none)", 1.0));
        assertThat(answer.result("submissions").at(1, Map.of()).value()).as("five submissions, not six groups' sum")
                .isEqualTo(5.0);
        assertThat(answer.result("submissions").shares(0)).as("overlapping groups are no shares of the whole")
                .isEmpty();
        Answer.Value denial = answer.result("removal_rate_by_now").at(0, group(Column.CATEGORY, "holocaust_denial"));
        assertThat(new Double[] {denial.numerator(), denial.denominator()}).containsExactly(2.0, 2.0);
        Answer.Value conspiracy = answer.result("removal_rate_by_now").at(0, group(Column.CATEGORY, "conspiracy"));
        assertThat(conspiracy.value()).isEqualTo(0.5);
        assertThat(answer.result("submissions").provenance().readFrom()).as("May by category, and May")
                .containsExactlyInAnyOrder("mv_monthly_by_category_rollup", "mv_monthly_by_community_rollup");
    }

    /**
     * Removals by category by week for the manager of north, May 2024: 1 (conspiracy, denial) on May 4, in the week
     * of April 29; 3 (none) on May 6 and 4 (denial) on May 11, in the week of May 6. The whole week of May 6 is read
     * from the weeks by community and category, May 1 to 5 from its days, each submission once per code.
     */
    @Test
    void removalsByCategoryByWeekAreTheRollupsByCategoryOfTheManagersCommunity() throws Exception {
        var removals = ResolvedMetric.builtIn(BuiltInMetrics.REMOVALS);
        Answer answer = ask(new Question(List.of(removals), MAY, JUNE, ZoneOffset.UTC, Grain.WEEK, false,
                List.of(List.of(Column.CATEGORY), List.of()), List.of(), new Scope(false, List.of("north")), 100, null,
                null));

        var byWeek = new HashMap<String, Double>();
        answer.result("removals").values().forEach(v -> byWeek.put(v.bucket().toString().substring(0, 10) + " "
                + (v.grouping() == 0 ? String.valueOf(v.group().get(Column.CATEGORY)) : "total"), v.value()));
        assertThat(byWeek).containsExactlyInAnyOrderEntriesOf(Map.of("2024-04-29 conspiracy", 1.0,
                "2024-04-29 holocaust_denial", 1.0, "2024-04-29 total", 1.0, "2024-05-06 null", 1.0,
                "2024-05-06 holocaust_denial", 1.0, "2024-05-06 total", 2.0));
        assertThat(answer.result("removals").provenance().readFrom()).contains(
                "mv_weekly_by_community_and_category_rollup", "mv_daily_by_community_and_category_rollup");
    }

    @Test
    void twoManyValuedDimensionsGroupTogetherByEveryPairOfValues() throws Exception {
        Answer answer = ask(List.of(List.of(Column.REPORT_CHANNEL, Column.HASHTAG)), List.of(), null);

        var pairs = new HashMap<String, Double>();
        answer.result("submissions").values().forEach(v -> pairs.put(v.group().get(Column.REPORT_CHANNEL) + "/"
                + v.group().get(Column.HASHTAG), v.value()));
        assertThat(pairs).containsExactlyInAnyOrderEntriesOf(Map.of("platform_form/nwo", 1.0, "platform_form/jews", 1.0,
                "trusted_flagger/nwo", 1.0, "trusted_flagger/jews", 2.0, "trusted_flagger/zog", 1.0, "email/nwo", 1.0,
                "email/zog", 1.0, "null/null", 1.0));
    }

    @Test
    void aFilterOnValuesNarrowsTheSubmissionsAndTheGroupsItIsGroupedBy() throws Exception {
        var nwoOrZog = new Filter("hashtag", "in", null, List.of("nwo", "zog"));
        Answer grouped = ask(List.of(List.of(Column.HASHTAG), List.of()), List.of(nwoOrZog), null);

        assertThat(values(grouped.result("submissions"), 0)).as("jews is not asked for, though 1 and 4 have it")
                .containsExactlyInAnyOrderEntriesOf(Map.of("nwo", 2.0, "zog", 2.0));
        assertThat(grouped.result("submissions").at(1, Map.of()).value()).isEqualTo(4.0);

        var both = new Filter("category", "all_of", null, List.of("conspiracy", "holocaust_denial"));
        assertThat(ask(List.of(List.of()), List.of(both), null).result("submissions").total().value()).isEqualTo(1.0);
        var notDenial = new Filter("category", "neq", "holocaust_denial", null);
        assertThat(ask(List.of(List.of()), List.of(notDenial), null).result("submissions").total().value())
                .as("2, 3 and 5").isEqualTo(3.0);
        var uncategorised = new Filter("category", "is_null", null, null);
        assertThat(ask(List.of(List.of()), List.of(uncategorised), null).result("submissions").total().value())
                .isEqualTo(1.0);
    }

    @Test
    void aMetricOfOneHashtagCountsItsSubmissionsWhateverElseTheyHave() throws Exception {
        var zog = new MetricDefinition("zog_submissions", "Submissions with #zog", "Counts.", "simple", "count",
                new Measure("count", null, "submitted_at", List.of(new Filter("hashtag", "eq", "zog", null))), null,
                null, null, List.of("day"), List.of("category"), List.of());
        var metric = new ResolvedMetric(zog.key(), 1, "published", "test", zog, Map.of());

        Answer answer = ask(new Question(List.of(metric), MAY, JUNE, ZoneOffset.UTC, null, false,
                List.of(List.of(), List.of(Column.CATEGORY)), List.of(), Scope.everything(), 100, null, null));

        assertThat(answer.result(zog.key()).total().value()).as("4 and 5").isEqualTo(2.0);
        assertThat(values(answer.result(zog.key()), 1)).as("4 {holocaust_denial}, 5 {slur}: groups that counted")
                .containsExactlyInAnyOrderEntriesOf(Map.of("holocaust_denial", 1.0, "slur", 1.0));
    }

    @Test
    void aTopNKeepsItsGroupsAndCountsTheRestOnceEachAsOther() throws Exception {
        Answer top = ask(List.of(List.of(Column.HASHTAG), List.of()), List.of(), 1);

        Answer.Result submissions = top.result("submissions");
        assertThat(values(submissions, 0)).as("jews 2, nwo 2, zog 2: the tie goes to the first value; none kept")
                .containsExactlyInAnyOrderEntriesOf(Map.of("jews", 2.0, "(none)", 1.0));
        assertThat(submissions.other()).singleElement().extracting(Answer.Value::value)
                .as("1, 2, 4 and 5 have a hashtag other than jews; 1 and 4 count once though they have it too")
                .isEqualTo(4.0);
        assertThat(submissions.at(1, Map.of()).value()).isEqualTo(5.0);

        Answer all = ask(List.of(List.of(Column.HASHTAG)), List.of(), 3);
        assertThat(all.result("submissions").other()).as("three hashtags: nothing else").isEmpty();
    }

    @Test
    void aTopNRanksARateByItsDenominatorAndSplitsItsOtherByBucket() throws Exception {
        Answer top = ask(new Question(List.of(RATE), MAY, JUNE, ZoneOffset.UTC, Grain.MONTH, false,
                List.of(List.of(Column.CATEGORY)), List.of(), Scope.everything(), 100, 2, null));

        Answer.Result rate = top.result("removal_rate_by_now");
        assertThat(rate.values()).extracting(v -> v.group().get(Column.CATEGORY)).as("conspiracy and denial: 2 each")
                .containsExactlyInAnyOrder("conspiracy", "holocaust_denial", null);
        assertThat(rate.other()).singleElement().satisfies(other -> {
            assertThat(other.bucket()).isEqualTo(MAY);
            assertThat(new Double[] {other.numerator(), other.denominator()}).as("5 alone: slur").containsExactly(0.0,
                    1.0);
        });
        assertThat(rate.provenance().readFrom()).as("the top groups: May by category")
                .containsExactly("mv_monthly_by_category_rollup");
    }

    private Answer ask(List<List<Column>> groupings, List<Filter> filters, Integer top) throws Exception {
        return ask(new Question(List.of(SUBMISSIONS, RATE), MAY, JUNE, ZoneOffset.UTC, null, false, groupings, filters,
                Scope.everything(), 100, top, null));
    }

    private Answer ask(Question question) throws Exception {
        return snapshots.read(question.from(), question.to(), s -> engine.evaluate(s, question));
    }

    private static Map<String, Double> values(Answer.Result result, int grouping) {
        var values = new HashMap<String, Double>();
        result.values().stream().filter(v -> v.grouping() == grouping).forEach(v -> values.put(
                v.group().values().stream().map(g -> g == null ? "(none)" : g).findFirst().orElse("total"), v.value()));
        return values;
    }

    private static Map<Column, String> group(Column column, String value) {
        return Map.of(column, value);
    }
}
