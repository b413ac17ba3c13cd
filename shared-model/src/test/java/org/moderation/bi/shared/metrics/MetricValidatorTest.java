package org.moderation.bi.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class MetricValidatorTest {

    private static final MetricLookup BUILT_INS = key -> BuiltInMetrics.ALL.stream().filter(m -> m.key().equals(key)).findFirst();

    @Test
    void theBuiltInMetricsAreValid() {
        for (MetricDefinition metric : BuiltInMetrics.ALL) {
            assertThat(validate(metric)).as(metric.key()).isEmpty();
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

        assertThat(validate(bad)).extracting(Problem::path).containsExactlyInAnyOrder(
                "$.key", "$.name", "$.description", "$.unit", "$.denominator",
                "$.numerator.column", "$.numerator.time",
                "$.numerator.filters[0].column", "$.numerator.filters[1].op", "$.numerator.filters[2].op",
                "$.numerator.filters[3].values", "$.numerator.filters[4].value",
                "$.grains[0]", "$.grains[2]", "$.dimensions[0]", "$.breakdown[0]");
    }

    @Test
    void aWrongTypeForAnOperatorIsNamed() {
        var metric = withNumeratorFilter(new Filter("report_count", "in", null, List.of(1, "two", 3.5)));

        assertThat(validate(metric)).containsExactly(
                new Problem("$.numerator.filters[0].values[1]", "must be a number for report_count"));
    }

    @Test
    void lookAlikeColumnNamesAreUnknown() {
        for (String lookAlike : List.of("PLATFORM", "platform ", "platf\u043erm", "plat\u200bform", "\"platform\"")) {
            var metric = withNumeratorFilter(new Filter(lookAlike, "eq", "meta", null));
            assertThat(validate(metric)).extracting(Problem::path)
                    .as(lookAlike).containsExactly("$.numerator.filters[0].column");
        }
    }

    @Test
    void aDerivedMetricNeedsKnownReferencesAndNoCycle() {
        var share = derived("removals_per_submission",
                Expression.of(Vocabulary.ArithmeticOp.DIVIDE, Expression.metric("removals"), Expression.metric("submissions")));
        assertThat(validate(share)).isEmpty();

        var unknown = derived("ghostly", Expression.metric("ghost"));
        assertThat(validate(unknown))
                .containsExactly(new Problem("$.expression", "unknown metric reference: ghost"));

        var a = derived("a", Expression.of(Vocabulary.ArithmeticOp.ADD, Expression.metric("b"), Expression.constant(1)));
        var b = derived("b", Expression.metric("c"));
        var c = derived("c", Expression.metric("a"));
        Map<String, MetricDefinition> graph = Map.of("b", b, "c", c);
        assertThat(MetricValidator.validate(a, key -> Optional.ofNullable(graph.get(key)), KnownValues.CLOSED))
                .containsExactly(new Problem("$.expression", "cycle: a -> b -> c -> a"));
    }

    @Test
    void deepNestingIsCut() {
        Expression e = Expression.metric("submissions");
        for (int i = 0; i < 20; i++) {
            e = Expression.of(Vocabulary.ArithmeticOp.ADD, e, Expression.constant(1));
        }
        assertThat(validate(derived("deep", e))).isNotEmpty().allSatisfy(problem -> assertThat(
                problem.message()).isEqualTo("nested deeper than " + MetricValidator.MAX_EXPRESSION_DEPTH + " levels"));
    }

    @Test
    void aFilterValueItsColumnNeverHoldsIsRefusedWithTheValuesItTakesAndWhatWasMeant() {
        var metric = withNumeratorFilters(
                new Filter("platform", "eq", "Telegram", null),
                new Filter("status", "in", null, List.of("new", "Removed")),
                new Filter("takedown_source", "neq", "report flow", null),
                new Filter("platform_detail", "not_in", null, List.of("meta")),
                new Filter("platform", "in", null, List.of("meta", "x")));

        assertThat(validate(metric)).containsExactly(
                new Problem("$.numerator.filters[0].value", "'Telegram' is not a value of platform (did you mean "
                        + "telegram?); it takes meta, x, tiktok, youtube, telegram, reddit, other, unknown"),
                new Problem("$.numerator.filters[1].values[1]", "'Removed' is not a value of status (did you mean "
                        + "removed?); it takes new, in_review, reported, removed, rejected, duplicate"),
                new Problem("$.numerator.filters[2].value", "'report flow' is not a value of takedown_source (did you "
                        + "mean report_flow?); it takes report_flow, legacy_fallback"),
                new Problem("$.numerator.filters[3].values[0]", "'meta' is not a value of platform_detail; it takes "
                        + "facebook, instagram, threads, whatsapp, x, tiktok, youtube, telegram, reddit, other, unknown"));
    }

    @Test
    void communitySlugsAreCheckedAgainstTheCommunitiesGivenAndAskedForOnceOnlyWhenNamed() {
        var asked = new AtomicInteger();
        KnownValues known = KnownValues.closedAnd(() -> {
            asked.incrementAndGet();
            return List.of("berlin-online-watch", "vienna-monitoring");
        });
        var metric = withNumeratorFilters(new Filter("community", "eq", "Berlin_Online_Watch", null),
                new Filter("community", "in", null, List.of("vienna-monitoring", "paris")));

        assertThat(MetricValidator.validate(metric, BUILT_INS, known)).extracting(Problem::toString).containsExactly(
                "$.numerator.filters[0].value: 'Berlin_Online_Watch' is not a value of community (did you mean "
                        + "berlin-online-watch?); it takes berlin-online-watch, vienna-monitoring",
                "$.numerator.filters[1].values[1]: 'paris' is not a value of community; it takes berlin-online-watch, "
                        + "vienna-monitoring");
        assertThat(asked).hasValue(1);

        assertThat(MetricValidator.validate(BuiltInMetrics.REMOVAL_RATE, BUILT_INS, known)).isEmpty();
        assertThat(asked).as("a definition naming no community needs none").hasValue(1);
    }

    @Test
    void aLongListOfValuesIsCutInTheMessage() {
        var slugs = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "community-" + i).toList();
        var problems = MetricValidator.validateFilters(List.of(new Filter("community", "eq", "elsewhere", null)),
                "$.filters", KnownValues.closedAnd(() -> slugs));

        assertThat(problems).extracting(Problem::path).containsExactly("$.filters[0].value");
        assertThat(problems.getFirst().message()).contains("community-19 and 30 more").doesNotContain("community-20,");
    }

    @Test
    void aQuerysFiltersAreCheckedOnlyAgainstTheValuesGiven() {
        var filters = List.of(new Filter("platform", "eq", "Telegram", null));

        assertThat(MetricValidator.validateFilters(filters, "$.filters", KnownValues.CLOSED)).extracting(Problem::path)
                .containsExactly("$.filters[0].value");
        assertThat(MetricValidator.validateFilters(filters, "$.filters")).isEmpty();
    }

    @Test
    void manyValuedColumnsTakeAllOfAndOpenValuesMustBeWrittenAsTheyAreKept() {
        var filters = List.of(
                new Filter("hashtag", "all_of", null, List.of("nwo", "jews")),
                new Filter("category", "in", null, List.of("holocaust_denial", "Holocaust Denial")),
                new Filter("hashtag", "eq", "#NWO", null),
                new Filter("language", "eq", "pt_BR", null),
                new Filter("platform", "all_of", null, List.of("x")),
                new Filter("report_channel", "eq", "fax", null),
                new Filter("takedown_channel", "in", null, List.of("trusted_flagger", "email")),
                new Filter("category", "eq", " ", null));

        assertThat(MetricValidator.validateFilters(filters, "$.filters", KnownValues.CLOSED)).extracting(
                Problem::toString).containsExactly(
                        "$.filters[1].values[1]: 'Holocaust Denial' is not how category values are kept; write "
                                + "'holocaust_denial'",
                        "$.filters[2].value: '#NWO' is not how hashtag values are kept; write 'nwo'",
                        "$.filters[3].value: 'pt_BR' is not how language values are kept; write 'pt-br'",
                        "$.filters[4].op: all_of applies to a column of several values per submission (category, "
                                + "hashtag, report_channel), not to platform",
                        "$.filters[5].value: 'fax' is not a value of report_channel; it takes platform_form, "
                                + "trusted_flagger, email, api, other, unknown",
                        "$.filters[7].value: ' ' is not how category values are kept: nothing is left of it");
    }

    @Test
    void openSetValuesNoSubmissionHadAreAcceptedWithAWarningNamingTheClosestSeenAskingOncePerColumn() {
        var asked = new java.util.ArrayList<String>();
        SeenValues seen = (column, values) -> {
            asked.add(column.jsonName() + " " + values);
            return column == Column.CATEGORY
                    ? Map.of("antisemitsm", List.of("antisemitism", "antisemitic_symbols"), "brand_new", List.of())
                    : Map.of();
        };
        var definition = withNumeratorFilters(
                new Filter("category", "in", null, List.of("antisemitsm", "holocaust_denial", "brand_new")),
                new Filter("hashtag", "eq", "nwo", null),
                new Filter("category", "neq", "antisemitsm", null),
                new Filter("platform", "eq", "telegram", null));

        var checked = MetricValidator.check(definition, BUILT_INS, KnownValues.CLOSED, seen);

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.warnings()).extracting(Problem::toString).containsExactly(
                "$.numerator.filters[0].values[0]: no submission has had the category 'antisemitsm' yet: it counts "
                        + "nothing until one does; closest seen: 'antisemitism', 'antisemitic_symbols'",
                "$.numerator.filters[0].values[2]: no submission has had the category 'brand_new' yet: it counts "
                        + "nothing until one does (no value seen is close to it)",
                "$.numerator.filters[2].value: no submission has had the category 'antisemitsm' yet: it counts "
                        + "nothing until one does; closest seen: 'antisemitism', 'antisemitic_symbols'");
        assertThat(asked).containsExactlyInAnyOrder("category [antisemitsm, holocaust_denial, brand_new]",
                "hashtag [nwo]");
        assertThat(MetricValidator.validate(definition, BUILT_INS, KnownValues.CLOSED)).isEmpty();
    }

    @Test
    void aRefusedDefinitionIsNotLookedUpAndAnUnansweredLookupIsAWarningNotSilence() {
        SeenValues unanswered = (column, values) -> {
            throw new SeenValues.UnavailableException("the read model did not answer", null);
        };
        var typo = withNumeratorFilters(new Filter("hashtag", "eq", "#NWO", null));
        var fine = withNumeratorFilters(new Filter("hashtag", "eq", "nwo", null));

        var refused = MetricValidator.check(typo, BUILT_INS, KnownValues.CLOSED, unanswered);
        var accepted = MetricValidator.checkFilters(fine.numerator().filters(), "$.filters", KnownValues.CLOSED,
                unanswered);

        assertThat(refused.problems()).hasSize(1);
        assertThat(refused.warnings()).isEmpty();
        assertThat(accepted.problems()).isEmpty();
        assertThat(accepted.warnings()).extracting(Problem::toString).containsExactly("$.filters[0].value: the hashtag "
                + "values named here could not be compared with the values seen so far (the read model did not "
                + "answer); a value no submission has had counts nothing");
    }

    @Test
    void aDerivedMetricsReferencesAreCheckedBesideItsOtherProblems() {
        var wrong = new MetricDefinition("ghostly", "", "d", "derived", "furlongs", null, null, null,
                Expression.metric("ghost"), List.of("minute"), List.of(), List.of());

        assertThat(validate(wrong)).extracting(Problem::toString)
                .containsExactlyInAnyOrder("$.name: is required", "$.unit: must be one of count, ratio, percent, duration",
                        "$.grains[0]: must be one of hour, day, week, month", "$.expression: unknown metric reference: ghost");
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
        var countedShare = new MetricDefinition("share", "Share", "d", "ratio", "count", null, count, count, null,
                List.of(), List.of(), List.of());
        var handMadePercent = derived("share_pct", Expression.of(Vocabulary.ArithmeticOp.MULTIPLY,
                Expression.of(Vocabulary.ArithmeticOp.DIVIDE, Expression.metric("removals"), Expression.metric("submissions")),
                Expression.constant(100)), "percent");

        var wrongs = List.of(percentOfACount, durationOfACount, countOfSeconds, slowRatio, countedShare,
                handMadePercent);
        for (MetricDefinition wrong : wrongs) {
            assertThat(validate(wrong)).as(wrong.unit() + " of " + wrong.key())
                    .extracting(Problem::path).containsExactly("$.unit");
        }
        assertThat(validate(handMadePercent).getFirst().message())
                .contains("never multiplies by 100");
        // Each refusal names the units that would fit.
        assertThat(validate(countedShare).getFirst().message()).contains("a count over a count is a fraction of 1")
                .endsWith("the units that fit: ratio, percent");
        assertThat(validate(percentOfACount).getFirst().message()).endsWith("the units that fit: count");
        assertThat(validate(countOfSeconds).getFirst().message()).endsWith("the units that fit: duration");
        assertThat(validate(slowRatio).getFirst().message()).endsWith("the units that fit: ratio, percent");
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
            assertThat(validate(right)).as(right.unit() + " of " + right.key()).isEmpty();
        }
    }

    @Test
    void aHorizonBelongsToARatioOverASubmissionCohortThatCountsTakedowns() {
        var rate = BuiltInMetrics.REMOVAL_RATE;
        assertThat(validate(rate)).isEmpty();
        assertThat(validate(withHorizon(rate, "PT36H"))).isEmpty();

        for (String wrong : List.of("14 days", "P14DT30M", "PT0S", "P400D", "-P1D")) {
            assertThat(validate(withHorizon(rate, wrong))).as(wrong).extracting(Problem::toString).containsExactly(
                    "$.horizon: must be an ISO-8601 duration of whole hours from PT1H to P366D, such as P14D (14 days) "
                            + "or PT36H");
        }
        var simple = withHorizon(BuiltInMetrics.REMOVALS, "P14D");
        assertThat(validate(simple)).extracting(Problem::path).containsExactly("$.horizon");
        var byTakedown = new MetricDefinition("by_takedown", "By takedown", "d", "ratio", "ratio", null,
                new Measure("count", null, "effective_takedown_at",
                        List.of(new Filter("taken_down", "eq", true, null))),
                rate.denominator(), null, List.of(), List.of(), List.of(), "P14D");
        assertThat(validate(byTakedown)).extracting(Problem::toString).containsExactly("$.horizon: a horizon measures "
                + "each submission from its submission: the numerator and the denominator must both count by "
                + "submitted_at");
        var noTakedown = new MetricDefinition("meta_share", "Meta share", "d", "ratio", "ratio", null,
                new Measure("count", null, "submitted_at", List.of(new Filter("platform", "eq", "meta", null))),
                rate.denominator(), null, List.of(), List.of(), List.of(), "P14D");
        assertThat(validate(noTakedown)).extracting(Problem::toString).containsExactly("$.horizon: a horizon bounds "
                + "the time from submission to takedown: the numerator must count taken-down submissions (a filter "
                + "taken_down eq true)");
    }

    @Test
    void aHorizonsNumeratorIsCountedWithinItInSeconds() {
        Measure counted = Horizon.counted(BuiltInMetrics.REMOVAL_RATE.numerator(), java.time.Duration.ofDays(14));
        assertThat(counted.filters()).containsExactly(new Filter("taken_down", "eq", true, null),
                new Filter("time_to_takedown", "lte", 1_209_600L, null));
        assertThat(Horizon.words(java.time.Duration.ofDays(14))).isEqualTo("14 days");
        assertThat(Horizon.words(java.time.Duration.ofHours(36))).isEqualTo("36 hours");
    }

    @Test
    void theHashDoesNotDependOnPropertyOrderButOnContent() {
        String json = DefinitionHash.canonicalJson(BuiltInMetrics.REMOVAL_RATE);
        assertThat(DefinitionHash.of(DefinitionHash.parse(json, MetricDefinition.class)))
                .isEqualTo(DefinitionHash.of(BuiltInMetrics.REMOVAL_RATE));
        assertThat(DefinitionHash.of(BuiltInMetrics.REMOVALS)).isNotEqualTo(DefinitionHash.of(BuiltInMetrics.SUBMISSIONS));
    }

    private static MetricDefinition withHorizon(MetricDefinition d, String horizon) {
        return new MetricDefinition(d.key(), d.name(), d.description(), d.type(), d.unit(), d.measure(), d.numerator(),
                d.denominator(), d.expression(), d.grains(), d.dimensions(), d.breakdown(), horizon);
    }

    private static List<Problem> validate(MetricDefinition definition) {
        return MetricValidator.validate(definition, BUILT_INS, KnownValues.CLOSED);
    }

    private static MetricDefinition withNumeratorFilter(Filter filter) {
        return withNumeratorFilters(filter);
    }

    private static MetricDefinition withNumeratorFilters(Filter... filters) {
        var rate = BuiltInMetrics.REMOVAL_RATE;
        return new MetricDefinition(rate.key(), rate.name(), rate.description(), rate.type(), rate.unit(), null,
                new Measure("count", null, "submitted_at", List.of(filters)), rate.denominator(), null, rate.grains(),
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
