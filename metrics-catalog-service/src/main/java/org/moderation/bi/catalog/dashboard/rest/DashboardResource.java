package org.moderation.bi.catalog.dashboard.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.catalog.dashboard.service.DashboardCatalogService;
import org.moderation.bi.catalog.versioning.rest.Caller;
import org.moderation.bi.catalog.versioning.rest.Revisions;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.errors.CheckedBodies;
import org.moderation.bi.shared.dashboards.DashboardChangeView;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;
import org.moderation.bi.shared.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Dashboard definitions (which metric, at which version, fills each number of a page), with the lifecycle of metric
 * definitions: superadmins write and see every version, community managers read published versions only.
 */
@Path("/api/v1/dashboards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards")
@SecurityRequirement(name = "keycloak")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's role may not do this")
public class DashboardResource {

    private static final String BASE = "/api/v1/dashboards/";

    private final DashboardCatalogService catalog;
    private final Caller caller;
    private final CheckedBodies bodies;

    DashboardResource(DashboardCatalogService catalog, Caller caller, CheckedBodies bodies) {
        this.catalog = catalog;
        this.caller = caller;
        this.bodies = bodies;
    }

    @POST
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Create a dashboard", description = "Its definition becomes version 1, a draft. A draft may "
            + "pin metric versions that are drafts still; publishing it needs every tile on a published version.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid definition: every problem with its JSON path")
    @APIResponse(responseCode = "409", description = "A dashboard with this key exists")
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = DashboardDefinition.class)))
            JsonNode definition) {
        var created = catalog.create(bodies.read(definition, DashboardDefinition.class), caller.actor());
        return Revisions.created(BASE + created.key() + "/versions/1", created, created.revision());
    }

    @GET
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "List dashboards", description = "Community managers see published versions only.")
    @APIResponse(responseCode = "200", description = "The dashboards the caller may see")
    public List<DashboardSummaryView> list() {
        return catalog.list(caller.seesUnpublished());
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One dashboard and its versions")
    @APIResponse(responseCode = "200", description = "The dashboard and the versions the caller may see")
    @APIResponse(responseCode = "404", description = "No such dashboard (or none the caller may see)")
    public DashboardSummaryView dashboard(@PathParam("key") String key) {
        return catalog.summary(key, caller.seesUnpublished());
    }

    @GET
    @Path("/{key}/versions/{version}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One version of a dashboard", description = "The ETag is the draft's revision, for If-Match.")
    @APIResponse(responseCode = "200", description = "The version, its definition and hash")
    @APIResponse(responseCode = "404", description = "No such version (or not one the caller may see)")
    public Response version(@PathParam("key") String key, @PathParam("version") @Bounds(min = 1) int version) {
        var view = catalog.version(key, version, caller.seesUnpublished());
        return Revisions.ok(view, view.revision());
    }

    @PUT
    @Path("/{key}/versions/{version}")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Change a draft", description = "Needs If-Match with the revision (ETag) it was read at.")
    @APIResponse(responseCode = "200", description = "The changed draft, with its new revision as ETag")
    @APIResponse(responseCode = "400", description = "Invalid definition: every problem with its JSON path")
    @APIResponse(responseCode = "409", description = "The version is published or deprecated: it never changes")
    @APIResponse(responseCode = "412", description = "The draft changed since that revision")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response updateDraft(@PathParam("key") String key, @PathParam("version") @Bounds(min = 1) int version,
            @Parameter(description = "The draft's revision, e.g. \"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(content = @Content(schema = @Schema(implementation = DashboardDefinition.class)))
            JsonNode definition) {
        var updated = catalog.updateDraft(key, version, bodies.read(definition, DashboardDefinition.class),
                Revisions.ifMatch(ifMatch), caller.actor());
        return Revisions.ok(updated, updated.revision());
    }

    @POST
    @Path("/{key}/versions")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Start a new draft version from the latest version")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "A draft exists already")
    public Response addVersion(@PathParam("key") String key) {
        var created = catalog.addVersion(key, caller.actor());
        return Revisions.created(BASE + key + "/versions/" + created.version(), created, created.revision());
    }

    @POST
    @Path("/{key}/versions/{version}/publish")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Publish a draft", description = "From now on the version never changes. Every tile must "
            + "stand on a published metric version.")
    @APIResponse(responseCode = "200", description = "The published version")
    @APIResponse(responseCode = "400", description = "A tile stands on a draft, deprecated or missing metric version")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public DashboardVersionView publish(@PathParam("key") String key,
            @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.publish(key, version, caller.actor());
    }

    @POST
    @Path("/{key}/versions/{version}/deprecate")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Deprecate a published version")
    @APIResponse(responseCode = "200", description = "The deprecated version")
    @APIResponse(responseCode = "409", description = "Not published")
    public DashboardVersionView deprecate(@PathParam("key") String key,
            @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.deprecate(key, version, caller.actor());
    }

    @GET
    @Path("/{key}/changes")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Who changed what, and when",
            description = "actor is the token's subject, actorUsername its preferred_username (null if it had none)")
    @APIResponse(responseCode = "200", description = "Every recorded change, oldest first")
    public List<DashboardChangeView> changes(@PathParam("key") String key) {
        return catalog.changes(key);
    }
}
