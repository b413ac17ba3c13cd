package org.moderation.bi.catalog.metric.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.catalog.metric.service.MetricPreviewService;
import org.moderation.bi.catalog.metric.service.MetricRules;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.errors.CheckedBodies;
import org.moderation.bi.errors.CheckedBody;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricPreview;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.security.Roles;

/**
 * A dry run: a definition evaluated on the read model's last 30 days before it is published, and whether it ever
 * counted anything at all. Superadmins, who write definitions, see every community.
 */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics catalog")
@RolesAllowed(Roles.SUPERADMIN)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Not a superadmin")
@APIResponse(responseCode = "503", description = "The read model did not answer, or not in time")
public class MetricPreviewResource {

    private final MetricPreviewService previews;
    private final MetricRules rules;
    private final MetricCatalogService catalog;
    private final CheckedBodies bodies;

    MetricPreviewResource(MetricPreviewService previews, MetricRules rules, MetricCatalogService catalog,
            CheckedBodies bodies) {
        this.previews = previews;
        this.rules = rules;
        this.catalog = catalog;
        this.bodies = bodies;
    }

    @POST
    @Path("/preview")
    @Operation(summary = "Try a definition before creating it",
            description = "Nothing is stored. The definition is checked as a create would check it (every problem at "
                    + "once), then evaluated over the last 30 UTC days, in total and per day; neverCounted says "
                    + "whether it counted anything over the read model's whole history.")
    @APIResponse(responseCode = "200", description = "What it counts")
    @APIResponse(responseCode = "400", description = "An invalid definition: every problem with its JSON path")
    public MetricPreview draft(@RequestBody(required = true) JsonNode definition) {
        CheckedBody<MetricDefinition> body = bodies.read(definition, MetricDefinition.class);
        body.refuseIfAny(body.value() == null ? java.util.List.of() : rules.problems(body.value(), false),
                "invalid_definition", "the metric definition is invalid");
        return previews.preview(body.value(), 0, "preview");
    }

    @GET
    @Path("/{key}/versions/{version}/preview")
    @Operation(summary = "Try a version (a draft before publishing it)",
            description = "The version evaluated over the last 30 UTC days, in total and per day, and whether it "
                    + "counted anything over the read model's whole history.")
    @APIResponse(responseCode = "200", description = "What it counts")
    @APIResponse(responseCode = "404", description = "No such version")
    public MetricPreview version(@Parameter(description = "The metric's key", example = "removal_rate")
            @PathParam("key") String key,
            @Parameter(description = "Its version", example = "1") @PathParam("version") @Bounds(min = 1) int version) {
        MetricVersionView found = catalog.version(key, version, true);
        return previews.preview(found.definition(), found.version(), found.status());
    }
}
