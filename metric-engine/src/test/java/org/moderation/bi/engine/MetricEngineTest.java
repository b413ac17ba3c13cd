package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary;

/**
 * The engine's arithmetic on hand-built submissions of May 2024 whose numbers are worked out by hand: a ratio divides
 * summed parts, a derived metric its parts' values, a breakdown by source counts each source, nothing counted is zero
 * (and a rate of nothing has no value), and an answer names the version its snapshot saw.
 */
class MetricEngineTest {

    private static final ResolvedMetric SUBMISSIONS = ResolvedMetric.builtIn(BuiltInMetrics.SUBMISSIONS);
    private static final ResolvedMetric REMOVALS = ResolvedMetric.builtIn(BuiltInMetrics.REMOVALS);
    private static final ResolvedMetric RATE = ResolvedMetric.builtIn(BuiltInMetrics.REMOVAL_RATE);
    private static final ResolvedMetric BY_SOURCE = ResolvedMetric.builtIn(BuiltInMetrics.REMOVALS_BY_SOURCE);
    private static final ResolvedMetric MEDIAN = ResolvedMetric.builtIn(BuiltInMetrics.MEDIAN_TIME_TO_TAKEDOWN);
    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant AUGUST = Instant.parse("2024-08-01T00:00:00Z");
    private static final Instant SEPTEMBER = Instant.parse("2024-09-01T00:00:00Z");

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
                    (1, 1, 'meta', 'facebook', 'url_host', 'removed', '2024-05-03 10:00+00', NULL, now(), 1),
                    (2, 1, 'x', 'x', 'url_host', 'removed', '2024-05-04 10:00+00', '2024-05-06 10:00+00', now(), 1),
                    (3, NULL, 'x', 'x', 'url_host', 'new', '2024-05-20 10:00+00', NULL, now(), 1),
                    (4, 1, 'meta', 'instagram', 'url_host', 'removed', '2024-04-28 10:00+00', '2024-05-02 10:00+00', now(), 1);
                INSERT INTO reports (legacy_id, submission_id, reported_at, taken_down_at, legacy_updated_at) VALUES
                    (11, 1, '2024-05-03 11:00+00', '2024-05-05 10:00+00', now()),
                    (12, 1, '2024-05-03 12:00+00', '2024-05-04 10:00+00', now());
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                    (2, 'South', 'south', '2021-01-01'), (3, 'East', 'east', '2021-01-01');
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_updated_at, last_run_id)
                SELECT 100 + row_number() OVER (), c.id, d.platform, d.detail, 'url_host', 'new',
                       '2024-08-10 10:00+00', now(), 1
                FROM communities c,
                     (VALUES ('meta', 'facebook'), ('meta', 'instagram'), ('x', 'x')) AS d (platform, detail);
                SELECT refresh_submission_facts();""");
        snapshots = new Snapshots(database.dataSource(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void aRatioDividesItsSummedPartsAndABreakdownBySourceCountsEachSource() throws Exception {
        Answer answer = ask(Question.grouped(List.of(SUBMISSIONS, REMOVALS, RATE, BY_SOURCE, MEDIAN), MAY, JUNE,
                List.of(List.of(), List.of(Column.PLATFORM)), List.of(), Scope.everything(), 100));

        assertThat(answer.result("submissions").total().value()).isEqualTo(3.0);
        assertThat(answer.result("removals").total().value()).isEqualTo(3.0);
        Answer.Value rate = answer.result("removal_rate").total();
        assertThat(rate.numerator()).isEqualTo(2.0);
        assertThat(rate.denominator()).isEqualTo(3.0);
        assertThat(rate.value()).isEqualTo(2.0 / 3);
        assertThat(answer.result("removal_rate").at(1, Map.of(Column.PLATFORM, "x")).value()).isEqualTo(0.5);
        assertThat(answer.result("removals_by_source").at(0, Map.of(Column.TAKEDOWN_SOURCE, "report_flow")).value())
                .isEqualTo(1.0);
        assertThat(answer.result("removals_by_source").at(0, Map.of(Column.TAKEDOWN_SOURCE, "legacy_fallback"))
                .value()).isEqualTo(2.0);
        assertThat(answer.result("removals_by_source").shares(0)).as("every removal has one source")
                .containsOnly(Map.entry(Map.of(Column.TAKEDOWN_SOURCE, "report_flow"), 1.0 / 3),
                        Map.entry(Map.of(Column.TAKEDOWN_SOURCE, "legacy_fallback"), 2.0 / 3));
        assertThat(answer.result("submissions").shares(1)).containsOnly(
                Map.entry(Map.of(Column.PLATFORM, "meta"), 1.0 / 3), Map.entry(Map.of(Column.PLATFORM, "x"), 2.0 / 3));
        assertThat(answer.result("removal_rate").shares(1)).as("rates do not add up").isEmpty();
        // Takedowns 1, 2 and 4 days after submission: the median is 2 days.
        assertThat(answer.result("median_time_to_takedown").total().value()).isEqualTo(2 * 86_400.0);
        assertThat(answer.result("removals_by_source").provenance().readFrom()).as("by platform and in total")
                .containsExactly("mv_monthly_by_platform_rollup");
        assertThat(answer.result("median_time_to_takedown").provenance().readFrom())
                .containsExactly("mv_submission_facts");
    }

    @Test
    void eachGroupIsComparedWithItsValueOverTheEarlierWindowInTheSameSnapshot() throws Exception {
        // August: three submissions in each of north, south and east, none removed. May: north's 1 and 2 (both
        // removed within a day or two) and 3 without a community.
        Question question = Question.grouped(List.of(SUBMISSIONS, RATE), AUGUST, SEPTEMBER,
                List.of(List.of(Column.COMMUNITY), List.of()), List.of(), Scope.everything(), 100);
        Change north = compared(question, MAY, JUNE, SUBMISSIONS, 0, Map.of(Column.COMMUNITY, "north"));
        Change south = compared(question, MAY, JUNE, SUBMISSIONS, 0, Map.of(Column.COMMUNITY, "south"));
        Change total = compared(question, MAY, JUNE, SUBMISSIONS, 1, Map.of());
        Change northRate = compared(question, MAY, JUNE, RATE, 0, Map.of(Column.COMMUNITY, "north"));
        Change southRate = compared(question, MAY, JUNE, RATE, 0, Map.of(Column.COMMUNITY, "south"));

        assertThat(north).isEqualTo(new Change(2.0, 1.0, 0.5));
        assertThat(south).as("a count with nothing earlier was 0; no relative change from 0")
                .isEqualTo(new Change(0.0, 3.0, null));
        assertThat(total).isEqualTo(new Change(3.0, 6.0, 2.0));
        assertThat(northRate).isEqualTo(new Change(1.0, -1.0, -1.0));
        assertThat(southRate).as("a rate of nothing is no rate").isEqualTo(new Change(null, null, null));
    }

    @Test
    void aTopNComparesTheGroupsShownAndTheTotalNotOther() throws Exception {
        // May by platform detail: x 2 (shown), facebook 1 (other). August: three of each detail.
        var top = new Question(List.of(SUBMISSIONS), MAY, JUNE, java.time.ZoneOffset.UTC, null, false,
                List.of(List.of(Column.PLATFORM_DETAIL), List.of()), List.of(), Scope.everything(), 100, 1, null);
        Answer answer = ask(top);
        Compared compared = snapshots.read(MAY, SEPTEMBER, s -> engine.compare(s, top, answer, AUGUST, SEPTEMBER));
        Answer.Result result = answer.result(SUBMISSIONS);

        assertThat(result.values()).filteredOn(v -> v.grouping() == 0).extracting(v -> v.group().get(
                Column.PLATFORM_DETAIL)).containsExactly("x");
        assertThat(compared.of(SUBMISSIONS, result.at(0, Map.of(Column.PLATFORM_DETAIL, "x"))))
                .isEqualTo(new Change(3.0, -1.0, -1.0 / 3));
        assertThat(compared.of(SUBMISSIONS, result.at(1, Map.of()))).isEqualTo(new Change(9.0, -6.0, -6.0 / 9));
        assertThat(result.other()).singleElement().extracting(Answer.Value::value).isEqualTo(1.0);
    }

    @Test
    void aComparisonIsOfTotalsAndGroupsNotOfBuckets() throws Exception {
        var series = new Question(List.of(SUBMISSIONS), MAY, JUNE, java.time.ZoneOffset.UTC,
                Vocabulary.Grain.DAY, false, List.of(List.of()), List.of(), Scope.everything(), 100);
        Answer answer = ask(series);

        assertThatThrownBy(() -> snapshots.read(MAY, JUNE, s -> engine.compare(s, series, answer, AUGUST, SEPTEMBER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not of buckets");
    }

    private Change compared(Question question, Instant from, Instant to, ResolvedMetric metric, int grouping,
            Map<Column, String> group) throws Exception {
        return snapshots.read(from, question.to(), s -> {
            Answer now = engine.evaluate(s, question);
            return engine.compare(s, question, now, from, to).of(metric, now.result(metric).at(grouping, group));
        });
    }

    @Test
    void aDerivedMetricAppliesItsArithmeticToItsPartsValues() throws Exception {
        var share = new MetricDefinition("removals_per_submission", "Removals per submission", "Arithmetic.",
                "derived", "ratio", null, null, null, Expression.of(Vocabulary.ArithmeticOp.DIVIDE,
                        Expression.metric("removals"), Expression.metric("submissions")), List.of(), List.of(),
                List.of());
        var derived = new ResolvedMetric(share.key(), 1, "published", "test", share,
                Map.of("removals", REMOVALS, "submissions", SUBMISSIONS));

        Answer answer = ask(Question.grouped(List.of(derived), MAY, JUNE, List.of(List.of()), List.of(),
                Scope.everything(), 100));

        assertThat(answer.result(share.key()).total().value()).isEqualTo(1.0);
    }

    @Test
    void nothingCountedIsZeroAndARateOfNothingHasNoValue() throws Exception {
        Answer answer = ask(Question.grouped(List.of(SUBMISSIONS, RATE, MEDIAN), Instant.parse("2023-01-01T00:00:00Z"),
                Instant.parse("2023-02-01T00:00:00Z"), List.of(List.of()), List.of(), Scope.everything(), 100));

        assertThat(answer.result("submissions").total().value()).isEqualTo(0.0);
        assertThat(answer.result("removal_rate").total().value()).isNull();
        assertThat(answer.result("median_time_to_takedown").total().value()).isNull();
    }

    @Test
    void aSeriesHasEveryBucketOfItsWindowAndAManagerWithoutCommunitiesSeesNothing() throws Exception {
        Answer answer = ask(new Question(List.of(SUBMISSIONS, RATE), MAY, JUNE, ZoneOffset.UTC, Grain.WEEK, true,
                List.of(List.of()), List.of(), new Scope(false, List.of()), 100));

        assertThat(answer.buckets()).hasSize(5).first().satisfies(b -> assertThat(b.partial()).isTrue());
        assertThat(answer.result("submissions").values()).hasSize(5).allSatisfy(v -> assertThat(v.value()).isZero());
        assertThat(answer.result("removal_rate").values()).allSatisfy(v -> assertThat(v.value()).isNull());
    }

    @Test
    void anAnswerNamesTheVersionItsSnapshotSawAndRemovalsCountAsOfTheInstantAsked() throws Exception {
        long version;
        try (var connection = database.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT version FROM read_model_version")) {
            rows.next();
            version = rows.getLong(1);
        }
        Question rate = Question.grouped(List.of(RATE), MAY, JUNE, List.of(List.of()), List.of(), Scope.everything(),
                100);
        Answer now = snapshots.read(MAY, JUNE, s -> engine.evaluate(s, rate));
        Answer before = snapshots.read(MAY, JUNE, Instant.parse("2024-05-05T00:00:00Z"), s -> engine.evaluate(s, rate));

        assertThat(now.readModel().version()).isEqualTo(version);
        assertThat(now.result("removal_rate").total().numerator()).isEqualTo(2.0);
        assertThat(before.result("removal_rate").total().numerator()).as("only s1 was removed by 5 May").isEqualTo(1.0);
    }

    @Test
    void aStatementPastTheTimeoutIsCancelledAndSaysSo() throws Exception {
        var impatient = new Snapshots(database.dataSource(), Duration.ofMillis(200));
        try (var blocker = database.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE mv_monthly_by_community_rollup IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> impatient.read(MAY, JUNE, s -> engine.evaluate(s, Question.grouped(
                    List.of(SUBMISSIONS), MAY, JUNE, List.of(List.of()), List.of(), Scope.everything(), 100))))
                    .isInstanceOf(Refused.class).extracting(e -> ((Refused) e).reason())
                    .isEqualTo(Refused.Reason.TIMED_OUT);
            blocker.rollback();
        }
    }

    @Test
    void sumsOfSeveralGroupingSetsAreTheSameWhereverTheyAreAddedUpAndTheRowLimitHolds() throws Exception {
        // August 2024: a submission in each of three communities and three platform details, nine finest groups.
        List<List<Column>> groupings = List.of(List.of(), List.of(Column.COMMUNITY), List.of(Column.PLATFORM_DETAIL));
        // A manager's scope needs the community in every grouping set: one statement over the finest groups.
        var managed = new Scope(false, List.of("north", "south", "east"));
        Answer addedUpHere = ask(Question.grouped(List.of(SUBMISSIONS), AUGUST, SEPTEMBER, groupings, List.of(),
                managed, 100));
        Answer byGroupingSets = ask(Question.grouped(List.of(SUBMISSIONS), AUGUST, SEPTEMBER, groupings, List.of(),
                managed, 7));
        Answer routedApart = ask(Question.grouped(List.of(SUBMISSIONS), AUGUST, SEPTEMBER, groupings, List.of(),
                Scope.everything(), 7));

        assertThat(byGroupingSets.result("submissions").values()).hasSize(7)
                .containsExactlyInAnyOrderElementsOf(addedUpHere.result("submissions").values());
        assertThat(routedApart.result("submissions").values())
                .containsExactlyInAnyOrderElementsOf(addedUpHere.result("submissions").values());
        assertThat(routedApart.result("submissions").provenance().readFrom())
                .containsExactlyInAnyOrder("mv_monthly_by_community_rollup", "mv_monthly_by_platform_rollup");
        assertThat(addedUpHere.result("submissions").total().value()).isEqualTo(9.0);
        assertThat(addedUpHere.result("submissions").at(1, Map.of(Column.COMMUNITY, "south")).value()).isEqualTo(3.0);
        assertThat(addedUpHere.result("submissions").at(2, Map.of(Column.PLATFORM_DETAIL, "x")).value())
                .isEqualTo(3.0);
        for (Scope scope : List.of(managed, Scope.everything())) {
            assertThatThrownBy(() -> ask(Question.grouped(List.of(SUBMISSIONS), AUGUST, SEPTEMBER, groupings,
                    List.of(), scope, 6))).as("seven groups, six allowed, %s", scope).isInstanceOf(Refused.class)
                    .extracting(e -> ((Refused) e).reason()).isEqualTo(Refused.Reason.TOO_MANY_ROWS);
        }
        var withTheirCross = List.of(List.<Column>of(), List.of(Column.COMMUNITY), List.of(Column.COMMUNITY,
                Column.PLATFORM_DETAIL));
        assertThatThrownBy(() -> ask(Question.grouped(List.of(SUBMISSIONS), AUGUST, SEPTEMBER, withTheirCross,
                List.of(), Scope.everything(), 10))).as("nine finest groups add up to thirteen, ten allowed")
                .isInstanceOf(Refused.class).extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.TOO_MANY_ROWS);
    }

    private Answer ask(Question question) throws Exception {
        return snapshots.read(question.from(), question.to(), s -> engine.evaluate(s, question));
    }
}
