package org.moderation.bi.shared.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.moderation.bi.shared.dashboards.MetricVersions;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

class AlertRuleValidatorTest {

    /**
     * The built-ins as published (removal_rate v1 and v2) and a draft v3 of removal_rate; a metric retired at v1, one
     * that is only a draft.
     */
    private static final Map<String, List<MetricVersionView>> CATALOG = catalog();
    private static final MetricVersions METRICS = key -> CATALOG.getOrDefault(key, List.of());
    private static final KnownValues COMMUNITIES = KnownValues.closedAnd(() -> List.of("north", "south", "vienna-monitoring"));

    private static Map<String, List<MetricVersionView>> catalog() {
        var catalog = new HashMap<String, List<MetricVersionView>>();
        BuiltInMetrics.ALL.forEach(m -> catalog.put(m.key(), List.of(version(m, 1, MetricVersionView.PUBLISHED))));
        catalog.put("removal_rate", List.of(version(BuiltInMetrics.REMOVAL_RATE_V1, 1, MetricVersionView.PUBLISHED),
                version(BuiltInMetrics.REMOVAL_RATE, 2, MetricVersionView.PUBLISHED),
                version(BuiltInMetrics.REMOVAL_RATE, 3, MetricVersionView.DRAFT)));
        catalog.put("retired", List.of(version(BuiltInMetrics.REMOVALS, 1, MetricVersionView.DEPRECATED)));
        catalog.put("coming", List.of(version(BuiltInMetrics.SUBMISSIONS, 1, MetricVersionView.DRAFT)));
        return catalog;
    }

    @Test
    void aCompleteRuleHasNoProblemAsDraftOrPublished() {
        assertThat(problems(valid(), false)).isEmpty();
        assertThat(problems(valid(), true)).isEmpty();
        var calendar = new AlertRuleDefinition("weekly", "Weekly", "This week's removals fell.",
                new AlertRuleDefinition.AlertMetric("removals", null), new AlertWindow("calendar", null, "week", null),
                List.of(), new AlertCondition("change_below", -0.5, 1, "relative"), null, "PT0S", "info");
        assertThat(problems(calendar, true)).isEmpty();
        var noData = new AlertRuleDefinition("quiet", "Quiet", "Nothing counted.",
                new AlertRuleDefinition.AlertMetric("submissions", 1), new AlertWindow("rolling", 2208, "hours", "UTC"),
                List.of("north"), new AlertCondition("no_data", null, null, null), 0.0, "P7D", "critical");
        assertThat(problems(noData, true)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        var wrong = new AlertRuleDefinition("Bad Key", " ", "s".repeat(2001),
                new AlertRuleDefinition.AlertMetric("ghost", null), new AlertWindow("rolling", 93, "days", "Europe/Berln"),
                List.of("north", "Vienna_Monitoring", "north", "atlantis"),
                new AlertCondition("below", null, 2, "relative"), -1.0, "P8D", "urgent");

        assertThat(problems(wrong, false)).extracting(Problem::toString).containsExactly(
                "$.key: must be 1 to 63 characters of a-z, 0-9 and _, starting with a letter",
                "$.name: is required",
                "$.summary: is 2001 characters long; at most 2000",
                "$.metric.key: unknown metric ghost",
                "$.window.amount: must be 1 to 92 days for a rolling window",
                "$.window.timeZone: 'Europe/Berln' is not an IANA time zone such as Europe/Berlin or UTC (did you mean "
                        + "Europe/Berlin?)",
                "$.condition.threshold: is required with below, in the metric's unit (0.2 is 20 %)",
                "$.condition.periodsBack: below compares with no earlier window: leave it out",
                "$.condition.change: below compares with no earlier window: leave it out",
                "$.minimumCount: must be 0 or more (or left out: no minimum)",
                "$.forDuration: must be between PT0S and PT168H (7 days)",
                "$.severity: must be one of info, warning, critical",
                "$.communities[1]: 'Vienna_Monitoring' is not a value of community (did you mean vienna-monitoring?); "
                        + "it takes north, south, vienna-monitoring",
                "$.communities[2]: north is named twice",
                "$.communities[3]: 'atlantis' is not a value of community; it takes north, south, vienna-monitoring");
    }

    @Test
    void windowsHaveTheirUnitsAndBounds() {
        assertThat(paths(withWindow(new AlertWindow("rolling", 0, "hours", null)))).containsExactly("$.window.amount");
        assertThat(paths(withWindow(new AlertWindow("rolling", 2209, "hours", null)))).containsExactly("$.window.amount");
        assertThat(paths(withWindow(new AlertWindow("rolling", 92, "days", null)))).isEmpty();
        assertThat(paths(withWindow(new AlertWindow("rolling", null, "weeks", null)))).containsExactly("$.window.unit");
        assertThat(paths(withWindow(new AlertWindow("calendar", 1, "month", "Europe/Vienna"))))
                .containsExactly("$.window.amount");
        assertThat(paths(withWindow(new AlertWindow("calendar", null, "year", null)))).containsExactly("$.window.unit");
        assertThat(paths(withWindow(new AlertWindow("sliding", 1, "days", "+02:00"))))
                .containsExactly("$.window.kind", "$.window.timeZone");
        assertThat(paths(withWindow(null))).containsExactly("$.window");
    }

    @Test
    void changeConditionsNeedHowFarBackAndHow() {
        assertThat(paths(withCondition(new AlertCondition("change_above", 2.0, null, null))))
                .containsExactly("$.condition.periodsBack", "$.condition.change");
        assertThat(paths(withCondition(new AlertCondition("change_above", 2.0, 13, "percent"))))
                .containsExactly("$.condition.periodsBack", "$.condition.change");
        assertThat(paths(withCondition(new AlertCondition("change_below", 10.0, 12, "absolute")))).isEmpty();
        assertThat(paths(withCondition(new AlertCondition("no_data", 1.0, null, null))))
                .containsExactly("$.condition.threshold");
        assertThat(paths(withCondition(new AlertCondition("between", 1.0, null, null)))).containsExactly("$.condition.type");
        assertThat(paths(withCondition(null))).containsExactly("$.condition");
    }

    @Test
    void forIsAnIsoDurationOfAtMostAWeek() {
        assertThat(paths(withFor("PT30M"))).isEmpty();
        assertThat(paths(withFor("P7D"))).isEmpty();
        assertThat(paths(withFor("30m"))).containsExactly("$.forDuration");
        assertThat(paths(withFor("-PT1M"))).containsExactly("$.forDuration");
        assertThat(paths(withFor("PT168H1S"))).containsExactly("$.forDuration");
    }

    @Test
    void aDraftMayWatchADraftVersionPublishingNeedsAPublishedOneAndADeprecatedOneIsNeverPinned() {
        assertThat(problems(withMetric("removal_rate", 3), false)).isEmpty();
        assertThat(problems(withMetric("removal_rate", 3), true)).extracting(Problem::toString).containsExactly(
                "$.metric.version: version 3 of removal_rate is a draft: publish it before this rule, or pin a "
                        + "published version");
        assertThat(problems(withMetric("coming", null), false)).isEmpty();
        assertThat(problems(withMetric("coming", null), true)).extracting(Problem::toString).containsExactly(
                "$.metric.key: coming has no published version to follow: publish its draft (version 1) first");
        assertThat(problems(withMetric("retired", 1), false)).extracting(Problem::path).containsExactly("$.metric.version");
        assertThat(problems(withMetric("retired", null), false)).extracting(Problem::path).containsExactly("$.metric.key");
        assertThat(problems(withMetric("removals", 3), false)).extracting(Problem::toString).containsExactly(
                "$.metric.version: removals has no version 3; its versions: 1 (published); or leave version out to "
                        + "follow the latest published one");
    }

    @Test
    void theCommunitiesAreReadOnlyForARuleThatNamesSome() {
        var asked = new AtomicInteger();
        KnownValues counting = column -> {
            asked.incrementAndGet();
            return column == Column.COMMUNITY ? Optional.of(List.of("north")) : Optional.empty();
        };
        var everywhere = new AlertRuleDefinition("everywhere", "n", "s", valid().metric(), valid().window(), List.of(),
                valid().condition(), null, null, "info");
        assertThat(AlertRuleValidator.validate(everywhere, METRICS, counting, false)).isEmpty();
        assertThat(asked).hasValue(0);
        assertThat(AlertRuleValidator.validate(valid(), METRICS, counting, false)).extracting(Problem::path)
                .containsExactly("$.communities[1]");
        assertThat(asked).hasValue(1);
    }

    @Test
    void aRuleFiltersByOneValueOfADimensionAsTheListOfItsSubmissionsCan() {
        assertThat(problems(withFilters(new Filter("hashtag", "eq", "nwo", null),
                new Filter("report_channel", "eq", "trusted_flagger", null)), true)).isEmpty();

        var wrong = new ArrayList<Filter>();
        wrong.add(null);
        wrong.add(new Filter("community", "eq", "north", null));
        wrong.add(new Filter("hashtag", "in", null, List.of("nwo", "jews")));
        wrong.add(new Filter("category", "eq", "denial", null));
        wrong.add(new Filter("category", "eq", "conspiracy", null));
        wrong.add(new Filter("submitted_at", "eq", "2026-01-01", null));
        assertThat(problems(withFilters(wrong.toArray(Filter[]::new)), false)).extracting(Problem::toString)
                .containsExactly("$.filters[0]: a filter is required: {\"column\": \"hashtag\", \"op\": \"eq\", "
                                + "\"value\": \"…\"}",
                        "$.filters[1].column: a rule filters by one of platform, platform_detail, category, hashtag, "
                                + "report_channel, takedown_channel, language, classifier_label; its communities are "
                                + "named in communities",
                        "$.filters[2].op: a rule's filter is eq: the submissions that have this value",
                        "$.filters[4].column: category is filtered twice: a rule takes one value a column",
                        "$.filters[5].column: a rule filters by one of platform, platform_detail, category, hashtag, "
                                + "report_channel, takedown_channel, language, classifier_label");

        // Values as a metric's filters take them: a closed set's vocabulary, an open set's value as it is kept.
        assertThat(problems(withFilters(new Filter("hashtag", "eq", "#NWO", null),
                new Filter("report_channel", "eq", "fax", null), new Filter("language", "eq", 7, null)), false))
                .extracting(Problem::path)
                .containsExactly("$.filters[0].value", "$.filters[1].value", "$.filters[2].value");
    }

    @Test
    void noDefinitionIsOneProblem() {
        assertThat(problems(null, false)).extracting(Problem::toString)
                .containsExactly("$: an alert rule definition is required");
    }

    static AlertRuleDefinition valid() {
        return new AlertRuleDefinition("low_removal_rate", "Removal rate under 20 %",
                "The removal rate in north and south fell under 20 % over the last 7 days.",
                new AlertRuleDefinition.AlertMetric("removal_rate", 1), new AlertWindow("rolling", 7, "days", "Europe/Berlin"),
                List.of("north", "south"), new AlertCondition("below", 0.2, null, null), 20.0, "PT30M", "warning");
    }

    private static AlertRuleDefinition withWindow(AlertWindow window) {
        var v = valid();
        return new AlertRuleDefinition(v.key(), v.name(), v.summary(), v.metric(), window, v.communities(),
                v.condition(), v.minimumCount(), v.forDuration(), v.severity());
    }

    private static AlertRuleDefinition withFilters(Filter... filters) {
        var v = valid();
        return new AlertRuleDefinition(v.key(), v.name(), v.summary(), v.metric(), v.window(), v.communities(),
                v.condition(), v.minimumCount(), v.forDuration(), v.severity(), null, Arrays.asList(filters));
    }

    private static AlertRuleDefinition withCondition(AlertCondition condition) {
        var v = valid();
        return new AlertRuleDefinition(v.key(), v.name(), v.summary(), v.metric(), v.window(), v.communities(),
                condition, v.minimumCount(), v.forDuration(), v.severity());
    }

    private static AlertRuleDefinition withFor(String forDuration) {
        var v = valid();
        return new AlertRuleDefinition(v.key(), v.name(), v.summary(), v.metric(), v.window(), v.communities(),
                v.condition(), v.minimumCount(), forDuration, v.severity());
    }

    private static AlertRuleDefinition withMetric(String key, Integer version) {
        var v = valid();
        return new AlertRuleDefinition(v.key(), v.name(), v.summary(), new AlertRuleDefinition.AlertMetric(key, version),
                v.window(), v.communities(), v.condition(), v.minimumCount(), v.forDuration(), v.severity());
    }

    private static List<Problem> problems(AlertRuleDefinition definition, boolean publishing) {
        return AlertRuleValidator.validate(definition, METRICS, COMMUNITIES, publishing);
    }

    private static List<String> paths(AlertRuleDefinition definition) {
        return problems(definition, false).stream().map(Problem::path).toList();
    }

    private static MetricVersionView version(MetricDefinition definition, int number, String status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new MetricVersionView(definition.key(), number, status, definition, DefinitionHash.of(definition), 0,
                "admin", at, "admin", at, null, null, null, null, List.of());
    }
}
