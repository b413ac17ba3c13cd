package org.moderation.bi.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MetricValidatorTest {

    private static final MetricLookup BUILT_INS = key -> BuiltInMetrics.ALL.stream().filter(m -> m.key().equals(key)).findFirst();

    @Test
    void theBuiltInMetricsAreValid() {
        for (MetricDefinition metric : BuiltInMetrics.ALL) {
            assertThat(MetricValidator.validate(metric, BUILT_INS)).as(metric.key()).isEmpty();
        }
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        var bad = new MetricDefinition("Bad Key", "x".repeat(121), "", "ratio", "furlongs",
                null,
                new Measure("sum", "platform", "created_at", List.of(
                        new Filter("id; DROP TABLE submissions", "eq", 1, null),
                        new Filter("report_count", "like", "%", null),
                        new Filter("platform", "gt", "meta", null),
                        new Filter("submitted_at", "between", null, List.of("2024-01-01")),
                        new Filter("taken_down", "eq", "yes", null))),
                null, null, List.of("minute", "day", "day"), List.of("analysis_score"), List.of("platform"));

        assertThat(MetricValidator.validate(bad, BUILT_INS)).extracting(Problem::path).containsExactlyInAnyOrder(
                "$.key", "$.name", "$.description", "$.unit", "$.denominator",
                "$.numerator.column", "$.numerator.time",
                "$.numerator.filters[0].column", "$.numerator.filters[1].op", "$.numerator.filters[2].op",
                "$.numerator.filters[3].values", "$.numerator.filters[4].value",
                "$.grains[0]", "$.grains[2]", "$.dimensions[0]", "$.breakdown[0]");
    }

    @Test
    void aWrongTypeForAnOperatorIsNamed() {
        var metric = withNumeratorFilter(new Filter("report_count", "in", null, List.of(1, "two", 3.5)));

        assertThat(MetricValidator.validate(metric, BUILT_INS)).containsExactly(
                new Problem("$.numerator.filters[0].values[1]", "must be a number for report_count"));
    }

    @Test
    void lookAlikeColumnNamesAreUnknown() {
        for (String lookAlike : List.of("PLATFORM", "platform ", "platf\u043erm", "plat\u200bform", "\"platform\"")) {
            var metric = withNumeratorFilter(new Filter(lookAlike, "eq", "meta", null));
            assertThat(MetricValidator.validate(metric, BUILT_INS)).extracting(Problem::path)
                    .as(lookAlike).containsExactly("$.numerator.filters[0].column");
        }
    }

    @Test
    void aDerivedMetricNeedsKnownReferencesAndNoCycle() {
        var share = derived("removals_per_submission",
                Expression.of(Vocabulary.ArithmeticOp.DIVIDE, Expression.metric("removals"), Expression.metric("submissions")));
        assertThat(MetricValidator.validate(share, BUILT_INS)).isEmpty();

        var unknown = derived("ghostly", Expression.metric("ghost"));
        assertThat(MetricValidator.validate(unknown, BUILT_INS))
                .containsExactly(new Problem("$.expression", "unknown metric reference: ghost"));

        var a = derived("a", Expression.of(Vocabulary.ArithmeticOp.ADD, Expression.metric("b"), Expression.constant(1)));
        var b = derived("b", Expression.metric("c"));
        var c = derived("c", Expression.metric("a"));
        Map<String, MetricDefinition> graph = Map.of("b", b, "c", c);
        assertThat(MetricValidator.validate(a, key -> Optional.ofNullable(graph.get(key))))
                .containsExactly(new Problem("$.expression", "cycle: a -> b -> c -> a"));
    }

    @Test
    void deepNestingIsCut() {
        Expression e = Expression.metric("submissions");
        for (int i = 0; i < 20; i++) {
            e = Expression.of(Vocabulary.ArithmeticOp.ADD, e, Expression.constant(1));
        }
        assertThat(MetricValidator.validate(derived("deep", e), BUILT_INS)).isNotEmpty().allSatisfy(problem -> assertThat(
                problem.message()).isEqualTo("nested deeper than " + MetricValidator.MAX_EXPRESSION_DEPTH + " levels"));
    }

    @Test
    void aUnitTheDefinitionCannotProduceIsRefusedAtUnit() {
        var count = new Measure("count", null, "submitted_at", List.of());
        var seconds = new Measure("median", "time_to_takedown", "effective_takedown_at", List.of());
        var percentOfACount = simple("percent", count);
        var durationOfACount = simple("duration", count);
        var countOfSeconds = simple("count", seconds);
        var slowRatio = new MetricDefinition("slow", "Slow", "d", "ratio", "duration", null, count, count, null,
                List.of(), List.of(), List.of());
        var handMadePercent = derived("share_pct", Expression.of(Vocabulary.ArithmeticOp.MULTIPLY,
                Expression.of(Vocabulary.ArithmeticOp.DIVIDE, Expression.metric("removals"), Expression.metric("submissions")),
                Expression.constant(100)), "percent");

        for (MetricDefinition wrong : List.of(percentOfACount, durationOfACount, countOfSeconds, slowRatio, handMadePercent)) {
            assertThat(MetricValidator.validate(wrong, BUILT_INS)).as(wrong.unit() + " of " + wrong.key())
                    .extracting(Problem::path).containsExactly("$.unit");
        }
        assertThat(MetricValidator.validate(handMadePercent, BUILT_INS).getFirst().message())
                .contains("never multiplies by 100");
    }

    @Test
    void eachUnitHasDefinitionsThatProduceIt() {
        var seconds = new Measure("avg", "time_to_takedown", "effective_takedown_at", List.of());
        var reportsPerRemoval = new MetricDefinition("reports_per_removal", "Reports per removal", "d", "ratio", "count",
                null, new Measure("sum", "report_count", "effective_takedown_at", List.of()),
                new Measure("count", null, "effective_takedown_at", List.of()), null, List.of(), List.of(), List.of());
        var share = derived("share", Expression.of(Vocabulary.ArithmeticOp.DIVIDE, Expression.metric("removals"),
                Expression.metric("submissions")), "percent");
        var per100 = derived("per_100", Expression.of(Vocabulary.ArithmeticOp.MULTIPLY, Expression.metric("removals"),
                Expression.constant(100)), "count");

        for (MetricDefinition right : List.of(simple("duration", seconds), reportsPerRemoval, share, per100,
                withNumeratorFilter(new Filter("platform", "eq", "x", null)))) {
            assertThat(MetricValidator.validate(right, BUILT_INS)).as(right.unit() + " of " + right.key()).isEmpty();
        }
    }

    @Test
    void theHashDoesNotDependOnPropertyOrderButOnContent() {
        String json = DefinitionHash.canonicalJson(BuiltInMetrics.REMOVAL_RATE);
        assertThat(DefinitionHash.of(DefinitionHash.parse(json, MetricDefinition.class))).isEqualTo(DefinitionHash.of(BuiltInMetrics.REMOVAL_RATE));
        assertThat(DefinitionHash.of(BuiltInMetrics.REMOVALS)).isNotEqualTo(DefinitionHash.of(BuiltInMetrics.SUBMISSIONS));
    }

    private static MetricDefinition withNumeratorFilter(Filter filter) {
        var rate = BuiltInMetrics.REMOVAL_RATE;
        return new MetricDefinition(rate.key(), rate.name(), rate.description(), rate.type(), rate.unit(), null,
                new Measure("count", null, "submitted_at", List.of(filter)), rate.denominator(), null, rate.grains(),
                rate.dimensions(), rate.breakdown());
    }

    private static MetricDefinition derived(String key, Expression expression) {
        return derived(key, expression, "ratio");
    }

    private static MetricDefinition derived(String key, Expression expression, String unit) {
        return new MetricDefinition(key, key, "test", "derived", unit, null, null, null, expression,
                List.of("day"), List.of("platform"), List.of());
    }

    private static MetricDefinition simple(String unit, Measure measure) {
        return new MetricDefinition("simple_" + unit, "Simple", "d", "simple", unit, measure, null, null, null,
                List.of(), List.of(), List.of());
    }
}
