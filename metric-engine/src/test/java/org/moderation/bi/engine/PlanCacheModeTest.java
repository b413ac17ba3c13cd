package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * Which statements PostgreSQL plans once per connection: counters over at most a year of days of pre-aggregations
 * and hours of facts (and the versions a snapshot opens with) are planned generically; counters over more buckets or
 * days of facts, and measures over the facts, keep a plan made for their values; the snapshot's default stays custom
 * plans. The driver prepares every statement on the server here (from its first use, not its fifth, as in the
 * services), and PostgreSQL counts the plans each one was run with.
 */
class PlanCacheModeTest {

    private static final ResolvedMetric SUBMISSIONS = ResolvedMetric.builtIn(BuiltInMetrics.SUBMISSIONS);
    private static final ResolvedMetric MEDIAN = ResolvedMetric.builtIn(BuiltInMetrics.MEDIAN_TIME_TO_TAKEDOWN);
    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");

    private static ReadModelDatabase database;
    private static Snapshots snapshots;
    private final MetricEngine engine = new MetricEngine(Clock.systemUTC());

    /** The plans the connection's prepared statements with a text were run with (how many such statements: why not). */
    private record Plans(long generic, long custom, String modeAfter, long statements) {
    }

    @BeforeAll
    static void readModel() throws Exception {
        // How a statement is planned does not depend on what it reads: an empty read model will do.
        database = ReadModelDatabase.create();
        var preparedAtOnce = database.dataSource();
        preparedAtOnce.setPrepareThreshold(1);
        snapshots = new Snapshots(preparedAtOnce, Duration.ofSeconds(30));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void countersOverWholeUtcMonthsArePlannedOnceAndTheSnapshotKeepsCustomPlans() throws Exception {
        Plans plans = asked(Question.grouped(List.of(SUBMISSIONS), MAY, JUNE, List.of(List.of()),
                List.of(), new Scope(false, List.of("north")), 100), "mv_monthly_by_community_rollup");

        assertThat(plans.generic()).as("%s", plans).isEqualTo(1);
        assertThat(plans.custom()).isZero();
        assertThat(plans.modeAfter()).isEqualTo("force_custom_plan");
    }

    @Test
    void theVersionsASnapshotOpensWithAreAsWell() throws Exception {
        Plans plans = asked(Question.grouped(List.of(SUBMISSIONS), MAY, JUNE, List.of(List.of()),
                List.of(), Scope.everything(), 100), "FROM (SELECT 1) AS one");

        assertThat(plans.generic()).as("%s", plans).isEqualTo(1);
        assertThat(plans.custom()).isZero();
    }

    @Test
    void countersThatReadHoursOfFactsAreAsWell() throws Exception {
        // Four hours whose ends are inside quarter hours: their ragged minutes are read from the facts.
        Plans plans = asked(Question.grouped(List.of(SUBMISSIONS), Instant.parse("2024-05-03T10:37:00Z"),
                Instant.parse("2024-05-03T14:37:00Z"), List.of(List.of()), List.of(), Scope.everything(), 100),
                "submission_fact_events");

        assertThat(plans.generic()).as("%s", plans).isEqualTo(1);
        assertThat(plans.custom()).isZero();
    }

    @Test
    void aYearOfDaysIsPlannedOnceAsWell() throws Exception {
        Plans plans = asked(new Question(List.of(SUBMISSIONS), Instant.parse("2023-05-31T00:00:00Z"), JUNE,
                ZoneOffset.UTC, Grain.DAY, true, List.of(List.of()), List.of(), Scope.everything(), 1_000),
                "mv_daily_total_rollup");

        assertThat(plans.generic()).as("366 days: %s", plans).isEqualTo(1);
        assertThat(plans.custom()).isZero();
    }

    @Test
    void countersOverMoreBucketsThanAYearOfDaysAreNot() throws Exception {
        Plans plans = asked(new Question(List.of(SUBMISSIONS), Instant.parse("2022-06-01T00:00:00Z"), JUNE,
                ZoneOffset.UTC, Grain.DAY, true, List.of(List.of()), List.of(), Scope.everything(), 1_000),
                "mv_daily_total_rollup");

        assertThat(plans.custom()).as("%s", plans).isEqualTo(1);
        assertThat(plans.generic()).isZero();
    }

    @Test
    void countersThatReadDaysOfFactsAreNot() throws Exception {
        // Days of a zone half an hour off UTC are quarter hours, which no rollup keeps by platform: May is read from
        // the facts.
        Plans plans = asked(new Question(List.of(SUBMISSIONS), MAY, JUNE, ZoneId.of("Asia/Kolkata"),
                Grain.DAY, true, List.of(List.of(Column.PLATFORM)), List.of(), Scope.everything(), 100),
                "submission_fact_events");

        assertThat(plans.custom()).as("%s", plans).isEqualTo(1);
        assertThat(plans.generic()).isZero();
    }

    @Test
    void measuresOverTheFactsAreNot() throws Exception {
        Plans plans = asked(Question.grouped(List.of(MEDIAN), MAY, JUNE, List.of(List.of()), List.of(),
                Scope.everything(), 100), "percentile_cont");

        assertThat(plans.custom()).as("%s", plans).isEqualTo(1);
        assertThat(plans.generic()).isZero();
    }

    private Plans asked(Question question, String statementText) throws SQLException {
        return snapshots.read(question.from(), question.to(), snapshot -> {
            engine.evaluate(snapshot, question);
            return plans(snapshot, statementText);
        });
    }

    private static Plans plans(Snapshot snapshot, String statementText) throws SQLException {
        try (var statement = snapshot.connection().prepareStatement("""
                SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0),
                       current_setting('plan_cache_mode'), count(*)
                FROM pg_prepared_statements WHERE strpos(statement, ?) > 0""")) {
            statement.setString(1, statementText);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return new Plans(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getLong(4));
            }
        }
    }
}
