package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * Cohort rates with a horizon on hand-built cohorts whose numbers are worked out by hand. Days are counted back from
 * today (UTC), so that the young cohorts are young whenever the test runs. A mature cohort, 20 days old: a taken down
 * after 2 days, b after 10, c after 16, d never. A young one, 3 days old: e taken down after a day, f not yet. And g,
 * 2 days old, whose takedown is dated tomorrow (a clock ahead): not taken down by now.
 */
class CohortHorizonTest {

    private static final MetricDefinition WITHIN_7_DAYS = new MetricDefinition("removal_rate_7d",
            "Removal rate within 7 days", "Taken down within 7 days of submission.", "ratio", "ratio", null,
            new Measure("count", null, "submitted_at", List.of(new Filter("taken_down", "eq", true, null))),
            new Measure("count", null, "submitted_at", List.of()), null, List.of("day"), List.of(), List.of(),
            "P7D");
    private static final ResolvedMetric SEVEN = new ResolvedMetric(WITHIN_7_DAYS.key(), 1, "published", "test",
            WITHIN_7_DAYS, Map.of());
    private static final ResolvedMetric FOURTEEN = ResolvedMetric.builtIn(BuiltInMetrics.REMOVAL_RATE);
    private static final ResolvedMetric BY_NOW = ResolvedMetric.builtIn(BuiltInMetrics.REMOVAL_RATE_BY_NOW);
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    private static ReadModelDatabase database;
    private static Snapshots snapshots;
    private final MetricEngine engine = new MetricEngine(Clock.systemUTC());

    @BeforeAll
    static void readModel() throws Exception {
        database = ReadModelDatabase.create();
        database.execute("""
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES (1, 'North', 'north', '2021-01-01');
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, last_run_id)
                SELECT id, 1, 'x', 'x', 'url_host', 'new', today - submitted * interval '1 day' + interval '10 hours',
                       today - submitted * interval '1 day' + interval '10 hours' + taken * interval '1 day', now(), 1
                FROM (SELECT date_trunc('day', now(), 'UTC') AS today) t,
                     (VALUES (1, 20, 2), (2, 20, 10), (3, 20, 16), (4, 20, NULL), (5, 3, 1), (6, 3, NULL),
                             (7, 2, 3)) AS c (id, submitted, taken);
                SELECT refresh_submission_facts();""");
        snapshots = new Snapshots(database.dataSource(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void aCohortRateCountsOnlyTheTakedownsWithinItsHorizonAndItsYoungBucketsAreImmature() throws Exception {
        Instant from = TODAY.minus(21, ChronoUnit.DAYS);
        Instant to = TODAY.plus(1, ChronoUnit.DAYS);
        Answer answer = ask(new Question(List.of(SEVEN, FOURTEEN, BY_NOW), from, to, ZoneOffset.UTC, Grain.DAY,
                false, List.of(List.of()), List.of(), Scope.everything(), 1_000));

        Answer.Result seven = answer.result(SEVEN.key());
        assertThat(seven.horizon()).isEqualTo(Duration.ofDays(7));
        // 20 days old: a within 7 days; b (10), c (16) and d (never) not.
        assertThat(parts(seven, day(20))).containsExactly(1.0, 4.0, 0.25);
        // 3 days old: e within a day of 2; 2 days old: g's takedown has not happened yet.
        assertThat(parts(seven, day(3))).containsExactly(1.0, 2.0, 0.5);
        assertThat(parts(seven, day(2))).containsExactly(0.0, 1.0, 0.0);
        assertThat(parts(answer.result(FOURTEEN.key()), day(20))).containsExactly(2.0, 4.0, 0.5);
        assertThat(parts(answer.result(BY_NOW.key()), day(20))).containsExactly(3.0, 4.0, 0.75);
        assertThat(answer.result(BY_NOW.key()).horizon()).isNull();

        Instant now = Instant.now();
        assertThat(seven.maturity(day(20).plus(1, ChronoUnit.DAYS)).mature(now)).as("20 days old, ended 19 days ago")
                .isTrue();
        Maturity young = seven.maturity(day(3).plus(1, ChronoUnit.DAYS));
        assertThat(young.mature(now)).isFalse();
        assertThat(young.maturesAt()).isEqualTo(TODAY.plus(5, ChronoUnit.DAYS));
        assertThat(answer.result(FOURTEEN.key()).maturity(day(20).plus(1, ChronoUnit.DAYS)).mature(now)).isTrue();
        assertThat(answer.result(FOURTEEN.key()).maturity(day(14)).mature(now)).as("a bucket that ended 14 days ago")
                .isTrue();
        assertThat(answer.result(FOURTEEN.key()).maturity(day(13)).mature(now)).isFalse();
        assertThat(answer.result(BY_NOW.key()).maturity(day(20))).isNull();
    }

    @Test
    void theKeptHorizonIsReadFromThePreAggregationsAndAnyOtherFromTheFacts() throws Exception {
        // Six days: never a whole week, which a weekly rollup would answer on a Sunday or a Monday.
        Instant from = TODAY.minus(20, ChronoUnit.DAYS);
        Instant to = TODAY.minus(14, ChronoUnit.DAYS);
        Answer answer = ask(Question.grouped(List.of(SEVEN, FOURTEEN), from, to, List.of(List.of()), List.of(),
                Scope.everything(), 100));

        assertThat(answer.result(FOURTEEN.key()).total().value()).isEqualTo(0.5);
        assertThat(answer.result(FOURTEEN.key()).provenance().readFrom()).containsExactly("mv_daily_total_rollup");
        assertThat(answer.result(SEVEN.key()).total().value()).isEqualTo(0.25);
        assertThat(answer.result(SEVEN.key()).provenance().readFrom()).contains("mv_submission_facts");
    }

    @Test
    void theNumeratorsListIsTheSubmissionsTakenDownWithinTheHorizon() throws Exception {
        Measure numerator = MetricParts.of(WITHIN_7_DAYS).getFirst();
        var listing = new Submissions.Listing(numerator, TODAY.minus(21, ChronoUnit.DAYS),
                TODAY.plus(1, ChronoUnit.DAYS), List.of(), Scope.everything(), null);
        List<Long> listed = snapshots.read(listing.from(), listing.to(), s -> engine.submissions(s, listing, null, 100))
                .stream().map(Submissions.Row::legacyId).toList();
        assertThat(listed).as("e, then a: newest first").containsExactly(5L, 1L);
    }

    private Answer ask(Question question) throws Exception {
        return snapshots.read(question.from(), question.to(), s -> engine.evaluate(s, question));
    }

    private static Instant day(int daysAgo) {
        return TODAY.minus(daysAgo, ChronoUnit.DAYS);
    }

    /** Numerator, denominator and value of a bucket's total. */
    private static List<Double> parts(Answer.Result result, Instant bucket) {
        Answer.Value value = result.values().stream().filter(v -> bucket.equals(v.bucket()) && v.group().isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no value at " + bucket + " in " + result));
        return java.util.Arrays.asList(value.numerator(), value.denominator(), value.value());
    }
}
