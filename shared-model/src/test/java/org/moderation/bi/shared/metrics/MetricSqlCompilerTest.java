package org.moderation.bi.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.compile.CompiledQuery;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler.Source;

/**
 * The compiler never writes a value into SQL, always applies the scope, and routes to a rollup exactly when the rollup
 * gives the same answer: each boundary of the routing rule is tested on both sides.
 */
class MetricSqlCompilerTest {

    private static final List<Column> DIMENSIONS = Arrays.stream(Column.values())
            .filter(c -> c.kind() == Column.Kind.DIMENSION).toList();
    private static final List<String> AGGREGATIONS = List.of("count", "count_distinct", "sum", "avg", "min", "max",
            "median");
    /** What an attacker writes where a name or a value is expected. */
    private static final List<String> HOSTILE = List.of("'; DROP TABLE submissions; --", "x') OR ('1'='1",
            "$$; DROP SCHEMA public CASCADE; $$", "(SELECT rolpassword FROM pg_authid)", "platform/**/OR/**/1=1",
            "community_slug", "count(*)", "pl\u0430tform", "\"platform\"", "x".repeat(150));

    private static final Instant NOW = Instant.parse("2026-11-22T15:42:00Z");
    private static final Instant TODAY = NOW.truncatedTo(ChronoUnit.DAYS);
    private static final MetricSqlCompiler.Scope EVERYTHING = new MetricSqlCompiler.Scope(true, List.of());

    private static final Measure SUBMISSIONS = BuiltInMetrics.SUBMISSIONS.measure();
    private static final Measure REMOVALS = BuiltInMetrics.REMOVALS.measure();
    private static final Measure REMOVED_BY_NOW = BuiltInMetrics.REMOVAL_RATE.numerator();

    @Test
    void valuesAreAlwaysBoundNeverWritten() {
        var random = new Random(7);
        for (int run = 0; run < 2000; run++) {
            // A unique tail, so that a value spelled like a fragment ("count(*)") can only be found if it was pasted.
            String value = HOSTILE.get(random.nextInt(HOSTILE.size())) + "\u2063" + run;
            var filters = new ArrayList<Filter>();
            for (int i = random.nextInt(4); i > 0; i--) {
                String column = pick(random, DIMENSIONS).jsonName();
                filters.add(random.nextBoolean() ? new Filter(column, "eq", value, null)
                        : new Filter(column, random.nextBoolean() ? "in" : "not_in", null, List.of(value, "meta")));
            }
            String aggregation = pick(random, AGGREGATIONS);
            String measured = aggregation.startsWith("count") ? "submission_id" : "time_to_takedown";
            var measure = new Measure(aggregation, aggregation.equals("count") && random.nextBoolean() ? null : measured,
                    random.nextBoolean() ? "submitted_at" : "effective_takedown_at",
                    List.of(new Filter("platform", "neq", value, null)));
            assertThat(MetricValidator.validateFilters(filters, "$")).isEmpty();
            var groupBy = DIMENSIONS.subList(0, random.nextInt(DIMENSIONS.size() + 1));
            Grain grain = random.nextBoolean() ? null : pick(random, List.of(Grain.values()));
            var spec = new MetricSqlCompiler.Spec(TODAY.minus(30, ChronoUnit.DAYS), TODAY, ZoneOffset.UTC, grain,
                    List.of(groupBy), filters, new MetricSqlCompiler.Scope(false, List.of(value)), 100);

            CompiledQuery query = MetricSqlCompiler.compile(List.of(measure), spec, NOW);

            assertThat(query.sql()).as(value).doesNotContain(value).doesNotContain(";").doesNotContain("--");
            assertThat(query.sql().chars().filter(c -> c == '?').count()).isEqualTo(query.parameters().size());
            assertThat(query.dimensions()).isEqualTo(groupBy);
            if (grain != null) {
                assertThat(query.sql()).contains("date_trunc('" + Vocabulary.jsonName(grain) + "'");
            }
        }
    }

    @Test
    void theScopeIsAlwaysAppliedAsParameters() {
        for (Source source : Source.values()) {
            CompiledQuery query = MetricSqlCompiler.compile(List.of(SUBMISSIONS), spec(TODAY.minus(30,
                    ChronoUnit.DAYS), TODAY, ZoneOffset.UTC, null, List.of(), new MetricSqlCompiler.Scope(false,
                    List.of("north"))), source);

            assertThat(query.sql()).contains(" = ANY (?::text[]))");
            assertThat(query.parameters()).contains(false);
            assertThat(query.parameters()).anySatisfy(p -> assertThat(p)
                    .isInstanceOfSatisfying(CompiledQuery.ArrayParameter.class,
                            array -> assertThat(array.values()).containsExactly("north")));
        }
    }

    @Test
    void wholeUtcDaysReadTheDailyRollupAndAPartialDayTheFactsOrTheHours() {
        assertThat(route(SUBMISSIONS, TODAY.minus(30, ChronoUnit.DAYS), TODAY)).isEqualTo(Source.DAILY_ROLLUP);
        assertThat(route(SUBMISSIONS, TODAY.minus(30, ChronoUnit.DAYS).plusSeconds(1), TODAY))
                .isEqualTo(Source.FACTS);
        assertThat(route(SUBMISSIONS, TODAY.minus(2, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS), TODAY))
                .isEqualTo(Source.HOURLY_ROLLUP);
        assertThat(route(SUBMISSIONS, TODAY.minus(2, ChronoUnit.DAYS).plus(10, ChronoUnit.MINUTES), TODAY))
                .isEqualTo(Source.FACTS);
    }

    @Test
    void hoursAreReadFromTheHourlyRollupOnlyWithinItsHorizon() {
        Instant horizon = NOW.minus(MetricSqlCompiler.HOURS_KEPT);
        Instant justInside = horizon.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant justOutside = horizon.truncatedTo(ChronoUnit.HOURS);
        assertThat(MetricSqlCompiler.route(List.of(SUBMISSIONS), spec(justInside, TODAY, ZoneOffset.UTC, Grain.HOUR,
                List.of(), EVERYTHING), NOW)).isEqualTo(Source.HOURLY_ROLLUP);
        assertThat(MetricSqlCompiler.route(List.of(SUBMISSIONS), spec(justOutside, TODAY, ZoneOffset.UTC, Grain.HOUR,
                List.of(), EVERYTHING), NOW)).isEqualTo(Source.FACTS);
        assertThat(MetricSqlCompiler.route(List.of(SUBMISSIONS), spec(TODAY.minus(3, ChronoUnit.DAYS), TODAY,
                ZoneOffset.UTC, Grain.DAY, List.of(), EVERYTHING), NOW)).isEqualTo(Source.DAILY_ROLLUP);
    }

    @Test
    void aNamedTimeZoneBucketsFromTheFactsButItsWholeUtcDaysTotalFromTheRollup() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant from = TODAY.minus(30, ChronoUnit.DAYS);
        assertThat(MetricSqlCompiler.route(List.of(SUBMISSIONS), spec(from, TODAY, berlin, Grain.DAY, List.of(),
                EVERYTHING), NOW)).isEqualTo(Source.FACTS);
        assertThat(MetricSqlCompiler.route(List.of(SUBMISSIONS), spec(from, TODAY, berlin, null, List.of(),
                EVERYTHING), NOW)).isEqualTo(Source.DAILY_ROLLUP);
        assertThat(MetricSqlCompiler.route(List.of(SUBMISSIONS), spec(from, TODAY, ZoneId.of("Etc/UTC"), Grain.DAY,
                List.of(), EVERYTHING), NOW)).isEqualTo(Source.DAILY_ROLLUP);
    }

    @Test
    void whatTheRollupsDoNotKeepIsReadFromTheFacts() {
        Instant from = TODAY.minus(30, ChronoUnit.DAYS);
        Filter byStatus = new Filter("status", "eq", "removed", null);
        assertThat(route(withFilter(SUBMISSIONS, byStatus), from, TODAY)).isEqualTo(Source.FACTS);
        assertThat(route(withFilter(SUBMISSIONS, new Filter("platform", "in", null, List.of("x", "meta"))), from,
                TODAY)).isEqualTo(Source.DAILY_ROLLUP);
        assertThat(route(REMOVED_BY_NOW, from, TODAY)).isEqualTo(Source.DAILY_ROLLUP);
        assertThat(route(withFilter(REMOVALS, new Filter("taken_down", "eq", true, null)), from, TODAY))
                .isEqualTo(Source.FACTS);
        assertThat(route(withFilter(REMOVALS, new Filter("takedown_source", "eq", "report_flow", null)), from, TODAY))
                .isEqualTo(Source.DAILY_ROLLUP);
        assertThat(route(withFilter(SUBMISSIONS, new Filter("takedown_source", "eq", "report_flow", null)), from,
                TODAY)).isEqualTo(Source.FACTS);
        assertThat(route(BuiltInMetrics.MEDIAN_TIME_TO_TAKEDOWN.measure(), from, TODAY)).isEqualTo(Source.FACTS);
        assertThat(MetricSqlCompiler.route(List.of(REMOVALS), spec(from, TODAY, ZoneOffset.UTC, null,
                List.of(Column.TAKEDOWN_SOURCE), EVERYTHING), NOW)).isEqualTo(Source.FACTS);
        assertThat(MetricSqlCompiler.route(List.of(REMOVALS), spec(from, TODAY, ZoneOffset.UTC, null,
                List.of(Column.COMMUNITY), EVERYTHING), NOW)).isEqualTo(Source.DAILY_ROLLUP);
        assertThat(MetricSqlCompiler.route(List.of(SUBMISSIONS), new MetricSqlCompiler.Spec(from, TODAY,
                ZoneOffset.UTC, null, List.of(List.of()), List.of(byStatus), EVERYTHING, 10), NOW))
                .isEqualTo(Source.FACTS);
    }

    @Test
    void severalMeasuresAndGroupingsAreOneStatement() {
        var spec = new MetricSqlCompiler.Spec(TODAY.minus(30, ChronoUnit.DAYS), TODAY, ZoneOffset.UTC, null,
                List.of(List.of(), List.of(Column.PLATFORM), List.of(Column.COMMUNITY)), List.of(), EVERYTHING, 100);
        CompiledQuery query = MetricSqlCompiler.compile(List.of(SUBMISSIONS, REMOVALS, REMOVED_BY_NOW), spec, NOW);

        assertThat(query.source()).isEqualTo(Source.DAILY_ROLLUP);
        assertThat(query.sql()).startsWith("SELECT grouping(").contains("FROM daily_rollup_now r")
                .contains("GROUP BY GROUPING SETS (()").contains("sum(r.submissions_removed)");
        assertThat(query.dimensions()).containsExactly(Column.PLATFORM, Column.COMMUNITY);
        assertThat(query.measures()).isEqualTo(3);
    }

    private static Measure withFilter(Measure measure, Filter filter) {
        var filters = new ArrayList<>(measure.filters());
        filters.add(filter);
        return new Measure(measure.aggregation(), measure.column(), measure.time(), filters);
    }

    private static Source route(Measure measure, Instant from, Instant to) {
        return MetricSqlCompiler.route(List.of(measure), spec(from, to, ZoneOffset.UTC, null, List.of(), EVERYTHING),
                NOW);
    }

    private static MetricSqlCompiler.Spec spec(Instant from, Instant to, ZoneId zone, Grain grain,
            List<Column> groupBy, MetricSqlCompiler.Scope scope) {
        return new MetricSqlCompiler.Spec(from, to, zone, grain, List.of(groupBy), List.of(), scope, 100);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
