package org.moderation.bi.dashboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.query.ReadModelQueries;
import org.moderation.bi.dashboard.support.GeneratedSubmissions;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.compile.CompiledQuery;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler.Source;
import org.moderation.bi.testsupport.OidcServer;

/**
 * Whatever source the router picks, the numbers are the same: every built-in measure, grouped every way the rollups
 * allow, over generated submissions of the last two weeks (with takedowns dated in the future too), from the daily
 * rollup, the hourly rollup and the facts.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class SourcesAgreeTest {

    private static final List<Measure> MEASURES = List.of(BuiltInMetrics.SUBMISSIONS.measure(),
            BuiltInMetrics.REMOVALS.measure(), BuiltInMetrics.REMOVAL_RATE.numerator(),
            BuiltInMetrics.removalsFrom("report_flow"), BuiltInMetrics.removalsFrom("legacy_fallback"));
    private static final List<List<Column>> GROUPINGS = List.of(List.of(), List.of(Column.PLATFORM),
            List.of(Column.PLATFORM_DETAIL), List.of(Column.COMMUNITY), List.of(Column.COMMUNITY, Column.PLATFORM));

    @Inject
    ReadModelQueries queries;

    @BeforeEach
    void submissionsOfTheLastTwoWeeks() throws Exception {
        GeneratedSubmissions.load(2800);
    }

    @Test
    void theDailyRollupTheHourlyRollupAndTheFactsGiveTheSameNumbers() throws Exception {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        var days = spec(today.minus(6, ChronoUnit.DAYS), today.plus(1, ChronoUnit.DAYS), null);
        assertThat(rows(days, Source.DAILY_ROLLUP)).isEqualTo(rows(days, Source.FACTS)).isNotEmpty();
        assertThat(rows(days, Source.HOURLY_ROLLUP)).isEqualTo(rows(days, Source.FACTS));

        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        var hours = spec(hour.minus(30, ChronoUnit.HOURS), hour.plus(2, ChronoUnit.HOURS), Grain.HOUR);
        assertThat(rows(hours, Source.HOURLY_ROLLUP)).isEqualTo(rows(hours, Source.FACTS)).isNotEmpty();

        var byDay = spec(today.minus(6, ChronoUnit.DAYS), today.plus(1, ChronoUnit.DAYS), Grain.DAY);
        assertThat(rows(byDay, Source.DAILY_ROLLUP)).isEqualTo(rows(byDay, Source.FACTS));
    }

    private static MetricSqlCompiler.Spec spec(Instant from, Instant to, Grain grain) {
        return new MetricSqlCompiler.Spec(from, to, ZoneOffset.UTC, grain,
                grain == null ? GROUPINGS : List.of(List.of(), List.of(Column.PLATFORM)), List.of(),
                new MetricSqlCompiler.Scope(true, List.of()), 100_000);
    }

    /** Rows as text, so that equal numbers of any source compare equal. */
    private List<String> rows(MetricSqlCompiler.Spec spec, Source source) throws Exception {
        var result = new ArrayList<String>();
        // A grain on the facts needs one time column per statement: each measure on its own.
        for (Measure measure : MEASURES) {
            CompiledQuery query = MetricSqlCompiler.compile(List.of(measure), spec, source);
            for (CompiledQuery.Row row : queries.select(query.sql(), s -> query.bind(s, 1), query::read)) {
                if (row.values()[0] != 0) {
                    result.add(measure + " " + row.grouping() + " " + row.bucket() + " " + row.group() + " "
                            + row.values()[0]);
                }
            }
        }
        return result.stream().sorted().toList();
    }
}
