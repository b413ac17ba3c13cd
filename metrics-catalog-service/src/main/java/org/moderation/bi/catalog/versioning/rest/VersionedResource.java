package org.moderation.bi.catalog.versioning.rest;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.moderation.bi.catalog.versioning.service.VersionedCatalog;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.errors.CheckedBodies;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.CatalogVersionView;
import org.moderation.bi.shared.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTP side of the catalog's lifecycle, the same for every kind it keeps; a kind's resource names its path and its
 * tag. Superadmins write and see every version, community managers read published versions only; changes are
 * recorded with the token's subject and user name. A draft's revision travels as its ETag and comes back as If-Match,
 * so that a change made on a stale read is a 412, not a lost update. A definition is taken as a JSON tree and read by
 * {@link CheckedBodies}, so that an answer names every mistake in it (the OpenAPI filters name its schema).
 * A kind whose writers are not only superadmins (alert rules: community managers, within their communities) overrides
 * every endpoint with its own role rule and scope, so that the rules written here never widen for the other kinds.
 * The list is each kind's own endpoint ({@link #list}), as alert rules page theirs.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's role may not do this")
public abstract class VersionedResource<D, VV extends CatalogVersionView, SV, CV> {

    private final VersionedCatalog<D, ?, ?, ?, VV, SV, CV> catalog;
    private final Caller caller;
    private final CheckedBodies bodies;
    private final Class<D> type;
    private final String path;

    /** @param path where the kind's resource is, as in its {@code @Path} */
    protected VersionedResource(VersionedCatalog<D, ?, ?, ?, VV, SV, CV> catalog, Caller caller, CheckedBodies bodies,
            Class<D> type, String path) {
        this.catalog = catalog;
        this.caller = caller;
        this.bodies = bodies;
        this.type = type;
        this.path = path;
    }

    @POST
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Create", description = "The definition becomes version 1, a draft.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid definition: every problem with its JSON path")
    @APIResponse(responseCode = "409", description = "One with this key exists")
    public Response create(@RequestBody(required = true) JsonNode definition) {
        return created(catalog.create(bodies.read(definition, type), caller.actor()));
    }

    /**
     * Every entry the caller may see: community managers see published versions only. Not an endpoint here: a kind
     * serves it with its own, whose parameters (a page) may differ.
     */
    protected List<SV> list() {
        return shown(catalog.list(caller.seesUnpublished()));
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One, and its versions")
    @APIResponse(responseCode = "200", description = "It, and the versions the caller may see")
    @APIResponse(responseCode = "404", description = "No such key (or no version the caller may see)")
    public SV summary(@Parameter(description = "The key of the metric or dashboard", example = "removal_rate") @PathParam("key") String key) {
        return shown(List.of(catalog.summary(key, caller.seesUnpublished()))).getFirst();
    }

    /**
     * Summaries as they are shown, in their order: a kind may add what it knows of its entries beyond the catalog
     * (their data), for a whole list at once.
     */
    protected List<SV> shown(List<SV> summaries) {
        return summaries;
    }

    @GET
    @Path("/{key}/versions/{version}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One version", description = "The ETag is the draft's revision, for If-Match.")
    @APIResponse(responseCode = "200", description = "The version, its definition and hash")
    @APIResponse(responseCode = "404", description = "No such version (or not one the caller may see)")
    public Response version(@Parameter(description = "The key of the metric or dashboard", example = "removal_rate") @PathParam("key") String key, @Parameter(description = "The version, from 1", example = "1") @PathParam("version") @Bounds(min = 1) int version) {
        return ok(catalog.version(key, version, caller.seesUnpublished()));
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
    public Response updateDraft(@Parameter(description = "The key of the metric or dashboard", example = "removal_rate") @PathParam("key") String key, @Parameter(description = "The version, from 1", example = "1") @PathParam("version") @Bounds(min = 1) int version,
            @Parameter(description = "The draft's revision, e.g. \"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true) JsonNode definition) {
        return ok(catalog.updateDraft(key, version, bodies.read(definition, type), revision(ifMatch), caller.actor()));
    }

    @POST
    @Path("/{key}/versions")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Start a new draft version from the latest version")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "A draft exists already")
    public Response addVersion(@Parameter(description = "The key of the metric or dashboard", example = "removal_rate") @PathParam("key") String key) {
        return created(catalog.addVersion(key, caller.actor()));
    }

    @POST
    @Path("/{key}/versions/{version}/publish")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Publish a draft", description = "From now on the version never changes. What it refers to "
            + "is checked again: it may have changed since the draft was written.")
    @APIResponse(responseCode = "200", description = "The published version")
    @APIResponse(responseCode = "400", description = "What it refers to is no longer valid: every problem")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public VV publish(@Parameter(description = "The key of the metric or dashboard", example = "removal_rate") @PathParam("key") String key, @Parameter(description = "The version, from 1", example = "1") @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.publish(key, version, caller.actor());
    }

    @POST
    @Path("/{key}/versions/{version}/deprecate")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Deprecate a published version")
    @APIResponse(responseCode = "200", description = "The deprecated version")
    @APIResponse(responseCode = "409", description = "Not published")
    public VV deprecate(@Parameter(description = "The key of the metric or dashboard", example = "removal_rate") @PathParam("key") String key, @Parameter(description = "The version, from 1", example = "1") @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.deprecate(key, version, caller.actor());
    }

    @GET
    @Path("/{key}/changes")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Who changed what, and when",
            description = "actor is the token's subject, actorUsername its preferred_username (null if it had none)")
    @APIResponse(responseCode = "200", description = "Every recorded change, oldest first")
    public List<CV> changes(@Parameter(description = "The key of the metric or dashboard", example = "removal_rate") @PathParam("key") String key) {
        return catalog.changes(key);
    }

    /** 201 with the version's place and its revision as ETag. */
    protected Response created(VV version) {
        return Response.created(URI.create(path + "/" + version.key() + "/versions/" + version.version()))
                .tag(String.valueOf(version.revision())).entity(version).build();
    }

    /** 200 with the version's revision as ETag. */
    protected static Response ok(CatalogVersionView version) {
        return Response.ok(version).tag(String.valueOf(version.revision())).build();
    }

    /** The revision an If-Match header names: {@code "3"}, {@code W/"3"} or {@code 3}. */
    protected static long revision(String ifMatch) {
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
