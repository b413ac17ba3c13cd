package org.moderation.bi.catalog.metric.rest;

import java.net.URI;
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

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.catalog.metric.service.Actor;
import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.shared.metrics.MetricChangeView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Metric definitions for admins (superadmin: everything) and readers (community managers: published versions
 * only). Changes are recorded with the token's subject and user name.
 */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics catalog")
@SecurityRequirement(name = "keycloak")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's role may not do this")
public class MetricResource {

    private final MetricCatalogService catalog;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    MetricResource(MetricCatalogService catalog, SecurityIdentity identity, JsonWebToken token) {
        this.catalog = catalog;
        this.identity = identity;
        this.token = token;
    }

    @POST
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Create a metric", description = "Its definition becomes version 1, a draft.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid definition: every problem with its JSON path")
    @APIResponse(responseCode = "409", description = "A metric with this key exists")
    public Response create(MetricDefinition definition) {
        var created = catalog.create(definition, actor());
        return Response.created(URI.create("/api/v1/metrics/" + created.key() + "/versions/1"))
                .tag(String.valueOf(created.revision())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "List metrics", description = "Community managers see published versions only.")
    @APIResponse(responseCode = "200", description = "The metrics the caller may see")
    public List<MetricSummaryView> list() {
        return catalog.list(admin());
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One metric and its versions")
    @APIResponse(responseCode = "200", description = "The metric and the versions the caller may see")
    @APIResponse(responseCode = "404", description = "No such metric (or none the caller may see)")
    public MetricSummaryView metric(@PathParam("key") String key) {
        return catalog.summary(key, admin());
    }

    @GET
    @Path("/{key}/versions/{version}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One version of a metric", description = "The ETag is the draft's revision, for If-Match.")
    @APIResponse(responseCode = "200", description = "The version, its definition and hash")
    @APIResponse(responseCode = "404", description = "No such version (or not one the caller may see)")
    public Response version(@PathParam("key") String key, @PathParam("version") @Bounds(min = 1) int version) {
        var view = catalog.version(key, version, admin());
        return Response.ok(view).tag(String.valueOf(view.revision())).build();
    }

    @PUT
    @Path("/{key}/versions/{version}")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Change a draft", description = "Needs If-Match with the revision (ETag) it was read at.")
    @APIResponse(responseCode = "200", description = "The changed draft, with its new revision as ETag")
    @APIResponse(responseCode = "400", description = "Invalid definition")
    @APIResponse(responseCode = "409", description = "The version is published or deprecated: it never changes")
    @APIResponse(responseCode = "412", description = "The draft changed since that revision")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response updateDraft(@PathParam("key") String key, @PathParam("version") @Bounds(min = 1) int version,
            @Parameter(description = "The draft's revision, e.g. \"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            MetricDefinition definition) {
        var updated = catalog.updateDraft(key, version, definition, revision(ifMatch), actor());
        return Response.ok(updated).tag(String.valueOf(updated.revision())).build();
    }

    @POST
    @Path("/{key}/versions")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Start a new draft version from the latest version")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "A draft exists already")
    public Response addVersion(@PathParam("key") String key) {
        var created = catalog.addVersion(key, actor());
        return Response.created(URI.create("/api/v1/metrics/" + key + "/versions/" + created.version()))
                .tag(String.valueOf(created.revision())).entity(created).build();
    }

    @POST
    @Path("/{key}/versions/{version}/publish")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Publish a draft", description = "From now on the version never changes.")
    @APIResponse(responseCode = "200", description = "The published version")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public MetricVersionView publish(@PathParam("key") String key, @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.publish(key, version, actor());
    }

    @POST
    @Path("/{key}/versions/{version}/deprecate")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Deprecate a published version")
    @APIResponse(responseCode = "200", description = "The deprecated version")
    @APIResponse(responseCode = "409", description = "Not published")
    public MetricVersionView deprecate(@PathParam("key") String key, @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.deprecate(key, version, actor());
    }

    @GET
    @Path("/{key}/changes")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Who changed what, and when",
            description = "actor is the token's subject, actorUsername its preferred_username (null if it had none)")
    @APIResponse(responseCode = "200", description = "Every recorded change, oldest first")
    public List<MetricChangeView> changes(@PathParam("key") String key) {
        return catalog.changes(key);
    }

    private boolean admin() {
        return identity.hasRole(Roles.SUPERADMIN);
    }

    private Actor actor() {
        String subject = token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
        return new Actor(subject, token.getClaim(Claims.preferred_username.name()));
    }

    private static long revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(428, "if_match_required",
                    "send If-Match with the draft's revision (its ETag) so that no one's change is lost", List.of());
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad_if_match", "If-Match must be a revision such as \"3\"", List.of());
        }
    }
}
