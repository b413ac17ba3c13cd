package org.moderation.bi.catalog.openapi;

import static org.moderation.bi.catalog.openapi.MetricLanguageSchema.asJson;
import static org.moderation.bi.catalog.openapi.MetricLanguageSchema.definitionRequests;
import static org.moderation.bi.catalog.openapi.MetricLanguageSchema.property;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import org.moderation.bi.catalog.alert.rest.AlertRuleResource;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleValidator;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The OpenAPI document's view of an alert rule, from the validator's own limits, with an example request that the
 * catalog accepts as it is (it watches a built-in metric, in two communities of the generated legacy data).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AlertRuleSchema implements OASFilter {

    private static final String DEFINITION_REF = "#/components/schemas/AlertRuleDefinition";

    /** "Tell me when the removal rate in my communities falls under 20 % over the last 7 days." */
    static final AlertRuleDefinition EXAMPLE = new AlertRuleDefinition("low_removal_rate",
            "Removal rate under 20 % (7 days)",
            "The removal rate in Berlin Online Watch and Vienna Monitoring Group fell under 20 % over the last 7 days, "
                    + "counted over at least 50 submissions, for 30 minutes.",
            new AlertRuleDefinition.AlertMetric("removal_rate", 1), new AlertWindow(AlertWindow.ROLLING, 7, "days",
                    "Europe/Berlin"), List.of("berlin-online-watch", "vienna-monitoring"),
            new AlertCondition(AlertCondition.BELOW, 0.2, null, null), 50.0, "PT30M", "warning");

    /** "Tell me when more than 50 posts with #nwo are reported in a day." */
    static final AlertRuleDefinition HASHTAG_EXAMPLE = new AlertRuleDefinition("nwo_surge",
            "More than 50 new #nwo posts (24 hours)",
            "More than 50 submissions with the hashtag nwo arrived in Berlin Online Watch in the last 24 hours.",
            new AlertRuleDefinition.AlertMetric("submissions", 1), new AlertWindow(AlertWindow.ROLLING, 24, "hours",
                    "Europe/Berlin"), List.of("berlin-online-watch"),
            new AlertCondition(AlertCondition.ABOVE, 50.0, null, null), null, null, "warning", null,
            List.of(new Filter(Column.HASHTAG.jsonName(), "eq", "nwo", null)));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        definition(schemas.get("AlertRuleDefinition"));
        metric(schemas.get("AlertMetric"));
        window(schemas.get("AlertWindow"));
        condition(schemas.get("AlertCondition"));
        property(schemas.get("AlertRuleVersionView"), "status")
                .enumeration(List.of(MetricVersionView.DRAFT, MetricVersionView.PUBLISHED, MetricVersionView.DEPRECATED));
        definitionRequests(openAPI, AlertRuleResource.PATH, DEFINITION_REF, Map.of("low_removal_rate",
                OASFactory.createExample().summary("A rolling week's removal rate under 20 % in two communities")
                        .value(asJson(EXAMPLE)), "nwo_surge", OASFactory.createExample()
                        .summary("More than 50 submissions with a hashtag in a day, in one community")
                        .value(asJson(HASHTAG_EXAMPLE))));
    }

    private static void definition(Schema schema) {
        schema.description("A rule that watches a catalog metric: over a window, in communities, when a condition "
                + "holds. Every problem is answered at once with its JSON path. A draft may watch a metric version "
                + "that is a draft still; publishing needs a published one.")
                .required(List.of("key", "name", "summary", "metric", "window", "condition", "severity"));
        property(schema, "key").pattern("^" + MetricValidator.KEY.pattern() + "$")
                .description("Lower-case letters, digits and _, starting with a letter; never changes");
        property(schema, "name").minLength(1).maxLength(MetricValidator.MAX_NAME);
        property(schema, "summary").minLength(1).maxLength(MetricValidator.MAX_DESCRIPTION)
                .description("What a person reads in the alert, in words");
        property(schema, "communities").uniqueItems(true).maxItems(MetricValidator.MAX_VALUES).description("Community "
                + "slugs of the read model, watched together. Empty: every community (superadmins only); a community "
                + "manager names communities of their token, and only those");
        property(schema, "minimumCount").minimum(BigDecimal.ZERO).description("The value is judged only when the "
                + "metric counted at least this many rows (a ratio: its denominator); null: no minimum");
        property(schema, "forDuration").description("ISO-8601, PT0S to P7D: how long the condition holds before the "
                + "rule fires (Prometheus' for); null: at once").example("PT30M");
        property(schema, "severity").enumeration(new ArrayList<>(AlertRuleDefinition.SEVERITIES));
        property(schema, "filters").maxItems(AlertRuleValidator.MAX_FILTERS).description("Only the submissions that "
                + "have these values, all of them: each {\"column\": …, \"op\": \"eq\", \"value\": …} on one of "
                + String.join(", ", AlertRuleValidator.FILTER_COLUMNS.stream().map(Column::jsonName).toList())
                + ", each column once, its value as the metric language takes it (a hashtag without #, lower case). "
                + "A submission of several categories, hashtags or report channels has the value when it is one of "
                + "them. The list behind the rule's value holds the same submissions. Left out or empty: every "
                + "submission of the communities");
        property(schema, "evaluateImmature").description("For a metric with a horizon (removal_rate: taken down within "
                + "14 days of submission): true judges the window as it is, although its submissions are younger than "
                + "the horizon and the value can still rise; left out or false: the latest window of the same length "
                + "whose submissions are all the horizon old is judged, and the state's message says which");
    }

    private static void metric(Schema schema) {
        schema.description("The metric watched: one of one value (not one with a breakdown, such as "
                + "removals_by_source, which answers one value per takedown source)").required(List.of("key"));
        property(schema, "key").pattern("^" + MetricValidator.KEY.pattern() + "$").description("A catalog metric's key");
        property(schema, "version").minimum(BigDecimal.ONE).description("The metric version watched, never "
                + "deprecated; leave it out (or null) to follow the latest published version");
    }

    private static void window(Schema schema) {
        schema.description("rolling: the last amount hours (1 to " + AlertRuleValidator.MAX_HOURS + ") or days (1 to "
                + AlertRuleValidator.MAX_DAYS + "); calendar: the day, week (from Monday) or month under way, no amount")
                .required(List.of("kind", "unit"));
        property(schema, "kind").enumeration(List.of(AlertWindow.ROLLING, AlertWindow.CALENDAR));
        property(schema, "unit").enumeration(new ArrayList<>(concat(AlertRuleValidator.ROLLING_UNITS,
                AlertRuleValidator.CALENDAR_UNITS)));
        property(schema, "amount").minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(AlertRuleValidator.MAX_HOURS));
        property(schema, "timeZone").description("An IANA time zone (Europe/Berlin); null: UTC").example("Europe/Berlin");
    }

    private static void condition(Schema schema) {
        schema.description("above/below: the value against threshold; change_above/change_below: the change against "
                + "the window periodsBack windows earlier, absolute or relative (2.0: three times); no_data: no value, "
                + "or fewer rows than minimumCount. A threshold is in the metric's unit: 0.2 is 20 %, seconds for a "
                + "duration").required(List.of("type"));
        property(schema, "type").enumeration(new ArrayList<>(AlertRuleValidator.CONDITIONS));
        property(schema, "threshold").description("Required except with no_data");
        property(schema, "periodsBack").minimum(BigDecimal.ONE)
                .maximum(BigDecimal.valueOf(AlertRuleValidator.MAX_PERIODS_BACK))
                .description("With change_above and change_below only");
        property(schema, "change").enumeration(new ArrayList<>(AlertRuleValidator.CHANGES))
                .description("With change_above and change_below only");
    }

    private static List<Object> concat(List<String> first, List<String> second) {
        var all = new ArrayList<Object>(first);
        all.addAll(second);
        return all;
    }
}
