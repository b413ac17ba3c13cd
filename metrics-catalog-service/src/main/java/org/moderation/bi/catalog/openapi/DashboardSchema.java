package org.moderation.bi.catalog.openapi;

import static org.moderation.bi.catalog.openapi.MetricLanguageSchema.asJson;
import static org.moderation.bi.catalog.openapi.MetricLanguageSchema.columns;
import static org.moderation.bi.catalog.openapi.MetricLanguageSchema.definitionRequests;
import static org.moderation.bi.catalog.openapi.MetricLanguageSchema.property;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import org.moderation.bi.catalog.dashboard.rest.DashboardResource;
import org.moderation.bi.shared.dashboards.DashboardBreakdown;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardTile;
import org.moderation.bi.shared.dashboards.DashboardValidator;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The OpenAPI document's view of a dashboard definition, from the validator's own limits, with an example request that
 * the catalog accepts as it is (it stands on the built-in metrics).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class DashboardSchema implements OASFilter {

    private static final String DEFINITION_REF = "#/components/schemas/DashboardDefinition";

    /** Follows removal_rate wherever it is published next, pins removals to version 1. */
    static final DashboardDefinition EXAMPLE = new DashboardDefinition("takedowns", "Takedowns",
            "Removals and the removal rate, the latter as it is published next; by community and by platform.",
            List.of(new DashboardTile("removals", "removals", 1, null), new DashboardTile("rate", "removal_rate", null,
                    "Removal rate (latest definition)")),
            List.of(new DashboardTile("removals", "removals", 1, null)),
            List.of(new DashboardBreakdown("by_community", "community", List.of(
                    new DashboardTile("removals", "removals", 1, null), new DashboardTile("rate", "removal_rate", null, null)))));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        definition(schemas.get("DashboardDefinition"));
        tile(schemas.get("DashboardTile"));
        breakdown(schemas.get("DashboardBreakdown"));
        property(schemas.get("DashboardVersionView"), "status")
                .enumeration(List.of(MetricVersionView.DRAFT, MetricVersionView.PUBLISHED, MetricVersionView.DEPRECATED));
        definitionRequests(openAPI, DashboardResource.PATH, DEFINITION_REF, Map.of("takedowns", OASFactory.createExample()
                .summary("KPIs, a series and a breakdown; one metric pinned, one followed").value(asJson(EXAMPLE))));
    }

    private static void definition(Schema schema) {
        schema.description("Which catalog metric fills each number of a dashboard page. Every problem is answered at "
                + "once with its JSON path. A draft may name metric versions that are drafts still; publishing needs "
                + "every tile on a published version.").required(List.of("key", "name", "description"));
        property(schema, "key").pattern("^" + MetricValidator.KEY.pattern() + "$")
                .description("Lower-case letters, digits and _, starting with a letter; never changes");
        property(schema, "name").minLength(1).maxLength(MetricValidator.MAX_NAME);
        property(schema, "description").minLength(1).maxLength(MetricValidator.MAX_DESCRIPTION);
        property(schema, "kpis").maxItems(DashboardValidator.MAX_TILES).description("One number each");
        property(schema, "series").maxItems(DashboardValidator.MAX_TILES)
                .description("One line each, per bucket: a metric with grains");
        property(schema, "breakdowns").maxItems(DashboardValidator.MAX_BREAKDOWNS);
    }

    private static void tile(Schema schema) {
        schema.description("One number or series line: a metric, pinned to a version or following its latest "
                + "published version").required(List.of("id", "metric"));
        property(schema, "id").pattern("^" + MetricValidator.KEY.pattern() + "$").description("Unique among the "
                + "dashboard's KPIs, among its series, and among the columns of its breakdown");
        property(schema, "metric").pattern("^" + MetricValidator.KEY.pattern() + "$").description("A catalog metric's key");
        property(schema, "version").minimum(BigDecimal.ONE).description("The metric version shown, never "
                + "deprecated; leave it out (or null) to follow the latest published version");
        property(schema, "label").minLength(1).maxLength(DashboardValidator.MAX_LABEL)
                .description("What the page calls it; the metric's name when left out");
    }

    private static void breakdown(Schema schema) {
        schema.description("A table grouped by one dimension, one column per tile; every column's metric offers the "
                + "dimension and is one number per row").required(List.of("id", "dimension", "columns"));
        property(schema, "id").pattern("^" + MetricValidator.KEY.pattern() + "$")
                .description("Unique among the dashboard's breakdowns");
        property(schema, "dimension").enumeration(columns(c -> c.kind() == Column.Kind.DIMENSION));
        property(schema, "columns").minItems(1).maxItems(DashboardValidator.MAX_TILES);
    }
}
