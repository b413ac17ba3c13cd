package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.plan.Counter;
import org.moderation.bi.engine.plan.PreAggregation;
import org.moderation.bi.engine.plan.PreAggregations;
import org.moderation.bi.engine.sql.Declarations;
import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;

/**
 * The pre-aggregations are declared once, by the read model ({@code read_model_rollups}): the engine routes to what
 * it declares, and each declared rollup is a table Flyway created, column for column.
 */
class PreAggregationDeclarationsTest {

    private static final ResolvedMetric SUBMISSIONS = ResolvedMetric.builtIn(BuiltInMetrics.SUBMISSIONS);
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-01-01T00:00:00Z");

    private ReadModelDatabase database;

    @BeforeEach
    void readModel() throws Exception {
        database = ReadModelDatabase.create();
        database.execute("""
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES (1, 'North', 'north', '2021-01-01');
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_updated_at, last_run_id)
                SELECT n, 1, 'x', 'x', 'url_host', 'new', '2024-01-01 10:00+00'::timestamptz + n * interval '5 days',
                       now(), 1
                FROM generate_series(1, 70) n;
                SELECT refresh_submission_facts();""");
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void theEngineRoutesToWhatTheReadModelDeclaresAndNothingElse() throws Exception {
        Answer declared = yearOfSubmissions();
        database.execute("DELETE FROM read_model_rollups WHERE unit = 'month'");
        Answer withoutMonths = yearOfSubmissions();

        assertThat(declared.result(SUBMISSIONS).provenance().readFrom())
                .anyMatch(relation -> relation.startsWith("mv_monthly"));
        assertThat(withoutMonths.result(SUBMISSIONS).provenance().readFrom())
                .as("a rollup no longer declared is not read").noneMatch(relation -> relation.startsWith("mv_monthly"))
                .anyMatch(relation -> relation.startsWith("mv_weekly"));
        assertThat(withoutMonths.result(SUBMISSIONS).total()).isEqualTo(declared.result(SUBMISSIONS).total());
        assertThat(declared.result(SUBMISSIONS).total().value()).as("every fifth day of the leap year 2024")
                .isEqualTo(70.0);
    }

    @Test
    void withoutDeclarationsItCountsTheSameFromTheFactsAndRoutesAgainOnceTheyCanBeRead() throws Exception {
        var clock = new AtomicReference<>(Instant.parse("2026-11-27T12:00:00Z"));
        var snapshots = new Snapshots(database.dataSource(), Duration.ofSeconds(30), new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.get();
            }
        });
        database.execute("ALTER TABLE read_model_rollups RENAME TO read_model_rollups_elsewhere");
        Answer unreadable = yearOfSubmissions(snapshots);
        database.execute("ALTER TABLE read_model_rollups_elsewhere RENAME TO read_model_rollups");
        Answer stillUnread = yearOfSubmissions(snapshots);
        clock.set(clock.get().plus(KnownDeclarations.FRESH));
        Answer readable = yearOfSubmissions(snapshots);

        assertThat(unreadable.result(SUBMISSIONS).provenance().readFrom()).containsExactly("mv_submission_facts");
        assertThat(unreadable.result(SUBMISSIONS).total().value()).isEqualTo(70.0);
        assertThat(stillUnread.result(SUBMISSIONS).provenance().readFrom()).as("a failure is not tried per request")
                .containsExactly("mv_submission_facts");
        assertThat(readable.result(SUBMISSIONS).provenance().readFrom()).as("the same service, a minute later")
                .anyMatch(relation -> relation.startsWith("mv_monthly"));
        assertThat(readable.result(SUBMISSIONS).total()).isEqualTo(unreadable.result(SUBMISSIONS).total());
    }

    @Test
    void aDeclaredRollupWhoseTableCannotBeReadIsNoRoute() throws Exception {
        database.execute("INSERT INTO read_model_rollups VALUES "
                + "('aaa_monthly', 'mv_not_there_rollup', 'month', 'month', '{}', NULL)");
        PreAggregations declared;
        try (var connection = database.connect()) {
            declared = Declarations.read(connection, 0);
        }
        Answer answer = yearOfSubmissions();

        assertThat(declared.ignored()).containsExactly("aaa_monthly");
        assertThat(declared.all()).extracting(PreAggregation::declaredName).doesNotContain("aaa_monthly");
        assertThat(answer.result(SUBMISSIONS).total().value()).isEqualTo(70.0);
        assertThat(answer.result(SUBMISSIONS).provenance().readFrom()).doesNotContain("mv_not_there_rollup");
    }

    @Test
    void everyDeclaredRollupKeepsItsBucketItsDimensionsAndEveryCounter() throws Exception {
        PreAggregations declared;
        try (var connection = database.connect()) {
            declared = Declarations.read(connection, 0);
        }
        assertThat(declared.all()).extracting(PreAggregation::declaredName).contains("hourly", "daily", "weekly",
                "monthly", "daily_total");
        for (PreAggregation rollup : declared.all()) {
            var expected = new ArrayList<String>();
            expected.add(rollup.timeColumn());
            Arrays.stream(Column.values()).filter(rollup.dimensions()::contains)
                    .forEach(c -> expected.add(column(c)));
            Arrays.stream(Counter.values()).forEach(c -> expected.add(c.column()));
            for (String relation : List.of(rollup.relation(), rollup.declaredName() + "_rollup_now")) {
                assertThat(columns(relation)).as(relation).isEqualTo(expected);
            }
        }
    }

    /** A year's submissions, in a snapshot of a service started now (which reads the declarations afresh). */
    private Answer yearOfSubmissions() throws Exception {
        return yearOfSubmissions(new Snapshots(database.dataSource(), Duration.ofSeconds(30)));
    }

    private static Answer yearOfSubmissions(Snapshots snapshots) throws Exception {
        Question question = Question.grouped(List.of(SUBMISSIONS), FROM, TO, List.of(List.of()), List.of(),
                Scope.everything(), 100);
        return snapshots.read(FROM, TO, s -> new MetricEngine(Clock.systemUTC()).evaluate(s, question));
    }

    private static String column(Column dimension) {
        return dimension == Column.COMMUNITY ? "community_id" : dimension.jsonName();
    }

    private List<String> columns(String relation) throws Exception {
        var columns = new ArrayList<String>();
        try (var connection = database.connect(); var statement = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, relation);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }
}
