package org.moderation.bi.dashboard.metrics.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.support.Hostile;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/** Property: whatever valid query is compiled, no value of it appears in the SQL text, and every value is bound. */
class MetricSqlCompilerTest {

    private static final List<Column> DIMENSIONS = java.util.Arrays.stream(Column.values())
            .filter(c -> c.kind() == Column.Kind.DIMENSION).toList();
    private static final List<String> AGGREGATIONS = List.of("count", "count_distinct", "sum", "avg", "min", "max", "median");

    @Test
    void valuesAreAlwaysBoundNeverWritten() {
        var random = new Random(7);
        for (int run = 0; run < 2000; run++) {
            // A unique tail, so that a value spelled like a fragment ("count(*)") can only be found if it was pasted.
            String value = pick(random, Hostile.STRINGS.stream().filter(s -> s.length() <= 190 && s.indexOf(0) < 0).toList())
                    + "\u2063" + run;
            var filters = new ArrayList<Filter>();
            for (int i = random.nextInt(4); i > 0; i--) {
                String column = pick(random, DIMENSIONS).jsonName();
                filters.add(random.nextBoolean() ? new Filter(column, "eq", value, null)
                        : new Filter(column, random.nextBoolean() ? "in" : "not_in", null, List.of(value, "meta")));
            }
            String aggregation = pick(random, AGGREGATIONS);
            String measured = aggregation.startsWith("count") ? "submission_id" : "time_to_takedown";
            var measure = new Measure(aggregation, measured, random.nextBoolean() ? "submitted_at" : "effective_takedown_at",
                    List.of(new Filter("platform", "neq", value, null)));
            assertThat(MetricValidator.validateFilters(filters, "$")).isEmpty();
            var groupBy = DIMENSIONS.subList(0, random.nextInt(DIMENSIONS.size() + 1));
            Grain grain = random.nextBoolean() ? null : pick(random, List.of(Grain.values()));
            var scope = new CommunityScope("community-manager", false, List.of(value));

            MeasureQuery query = MetricSqlCompiler.compile(measure, new MetricSqlCompiler.Spec(
                    Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"), grain, groupBy,
                    filters, scope, 100));

            assertThat(query.sql()).as(value).doesNotContain(value).doesNotContain(";").doesNotContain("--");
            assertThat(query.sql().chars().filter(c -> c == '?').count()).isEqualTo(query.parameters().size());
            assertThat(query.groups()).isEqualTo(groupBy.size());
            if (grain != null) {
                assertThat(query.sql()).contains("date_trunc('" + Vocabulary.jsonName(grain) + "'");
            }
        }
    }

    @Test
    void theScopeIsAlwaysAppliedAsParameters() {
        var query = MetricSqlCompiler.compile(new Measure("count", null, "submitted_at", List.of()),
                new MetricSqlCompiler.Spec(Instant.EPOCH, Instant.parse("2024-01-01T00:00:00Z"), null, List.of(),
                        List.of(), new CommunityScope("community-manager", false, List.of("north")), 10));

        assertThat(query.sql()).contains("AND (? OR community_slug = ANY (?::text[]))");
        assertThat(query.parameters().get(2)).isEqualTo(false);
        assertThat(((MeasureQuery.ArrayParameter) query.parameters().get(3)).values()).containsExactly("north");
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
