package org.moderation.bi.catalog.alert.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.catalog.alert.service.AlertRuleCatalogService;
import org.moderation.bi.catalog.alert.service.RuleScope;
import org.moderation.bi.catalog.versioning.rest.Caller;
import org.moderation.bi.catalog.versioning.rest.VersionedResource;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.errors.CheckedBodies;
import org.moderation.bi.shared.alerts.AlertRuleChangeView;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleSummaryView;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Alert rules (a published metric, a window, communities, a condition), kept in versions with their audit as metrics
 * are ({@link VersionedResource}). Unlike a metric or a dashboard, a community manager writes them too, within their
 * communities: every endpoint is overridden here with both roles, and the caller's {@link RuleScope}, read from the
 * token of each request, decides what they may write (403 naming the community) and see (404 for a rule outside it,
 * as for one that does not exist). Only a rule's owner (who created it) or a superadmin changes it (403 otherwise).
 */
@Path(AlertRuleResource.PATH)
@Tag(name = "Alert rules")
public class AlertRuleResource
        extends VersionedResource<AlertRuleDefinition, AlertRuleVersionView, AlertRuleSummaryView, AlertRuleChangeView> {

    public static final String PATH = "/api/v1/alert-rules";

    private static final String KEY = "The key of the alert rule";
    private static final String VERSION = "The version, from 1";
    private static final String SCOPE = " A community manager: only rules that name their communities, every one of "
            + "them in the token's communities claim.";
    private static final String OWNER = "Only the rule's owner (who created it) or a superadmin.";
    private static final String NOT_OWNER = "Another person's rule the caller sees: only its owner or a superadmin "
            + "changes it";

    private final AlertRuleCatalogService catalog;
    private final Caller caller;
    private final CheckedBodies bodies;

    AlertRuleResource(AlertRuleCatalogService catalog, Caller caller, CheckedBodies bodies) {
        super(catalog, caller, bodies, AlertRuleDefinition.class, PATH);
        this.catalog = catalog;
        this.caller = caller;
        this.bodies = bodies;
    }

    @Override
    @POST
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "Create", description = "The definition becomes version 1, a draft." + SCOPE)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid definition: every problem with its JSON path")
    @APIResponse(responseCode = "403", description = "A community outside the caller's, or none named by a manager")
    @APIResponse(responseCode = "409", description = "One with this key exists")
    public Response create(@RequestBody(required = true) JsonNode definition) {
        return created(catalog.create(bodies.read(definition, AlertRuleDefinition.class), caller.actor(), scope()));
    }

    @Override
    @GET
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "List", description = "Every version, drafts included, of the rules the caller may see." + SCOPE)
    @APIResponse(responseCode = "200", description = "Those the caller may see")
    public List<AlertRuleSummaryView> list() {
        return catalog.list(scope());
    }

    @Override
    @GET
    @Path("/{key}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One, and its versions")
    @APIResponse(responseCode = "200", description = "It, and its versions")
    @APIResponse(responseCode = "404", description = "No such key (or not a rule the caller may see)")
    public AlertRuleSummaryView summary(@Parameter(description = KEY, example = "low_removal_rate") @PathParam("key") String key) {
        return catalog.summary(key, scope());
    }

    @Override
    @GET
    @Path("/{key}/versions/{version}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "One version", description = "The ETag is the draft's revision, for If-Match.")
    @APIResponse(responseCode = "200", description = "The version, its definition and hash")
    @APIResponse(responseCode = "404", description = "No such version (or not a rule the caller may see)")
    public Response version(@Parameter(description = KEY, example = "low_removal_rate") @PathParam("key") String key,
            @Parameter(description = VERSION, example = "1") @PathParam("version") @Bounds(min = 1) int version) {
        return ok(catalog.version(key, version, scope()));
    }

    @Override
    @PUT
    @Path("/{key}/versions/{version}")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "Change a draft", description = "Needs If-Match with the revision (ETag) it was read at." + SCOPE
            + " " + OWNER)
    @APIResponse(responseCode = "200", description = "The changed draft, with its new revision as ETag")
    @APIResponse(responseCode = "400", description = "Invalid definition: every problem with its JSON path")
    @APIResponse(responseCode = "403", description = "A community outside the caller's, or none named by a manager; "
            + "or " + NOT_OWNER)
    @APIResponse(responseCode = "404", description = "No such version (or not a rule the caller may see)")
    @APIResponse(responseCode = "409", description = "The version is published or deprecated: it never changes")
    @APIResponse(responseCode = "412", description = "The draft changed since that revision")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response updateDraft(@Parameter(description = KEY, example = "low_removal_rate") @PathParam("key") String key,
            @Parameter(description = VERSION, example = "1") @PathParam("version") @Bounds(min = 1) int version,
            @Parameter(description = "The draft's revision, e.g. \"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true) JsonNode definition) {
        return ok(catalog.updateDraft(key, version, bodies.read(definition, AlertRuleDefinition.class),
                revision(ifMatch), caller.actor(), scope()));
    }

    @Override
    @POST
    @Path("/{key}/versions")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "Start a new draft version from the latest version", description = OWNER)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "403", description = NOT_OWNER)
    @APIResponse(responseCode = "404", description = "No such key (or not a rule the caller may see)")
    @APIResponse(responseCode = "409", description = "A draft exists already")
    public Response addVersion(@Parameter(description = KEY, example = "low_removal_rate") @PathParam("key") String key) {
        return created(catalog.addVersion(key, caller.actor(), scope()));
    }

    @Override
    @POST
    @Path("/{key}/versions/{version}/publish")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "Publish a draft", description = "From now on the version never changes. The metric it "
            + "watches is checked again: it must be published now. " + OWNER)
    @APIResponse(responseCode = "200", description = "The published version")
    @APIResponse(responseCode = "400", description = "What it refers to is no longer valid: every problem")
    @APIResponse(responseCode = "403", description = NOT_OWNER)
    @APIResponse(responseCode = "404", description = "No such version (or not a rule the caller may see)")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public AlertRuleVersionView publish(@Parameter(description = KEY, example = "low_removal_rate") @PathParam("key") String key,
            @Parameter(description = VERSION, example = "1") @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.publish(key, version, caller.actor(), scope());
    }

    @Override
    @POST
    @Path("/{key}/versions/{version}/deprecate")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "Deprecate a published version", description = OWNER)
    @APIResponse(responseCode = "200", description = "The deprecated version")
    @APIResponse(responseCode = "403", description = NOT_OWNER)
    @APIResponse(responseCode = "404", description = "No such version (or not a rule the caller may see)")
    @APIResponse(responseCode = "409", description = "Not published")
    public AlertRuleVersionView deprecate(@Parameter(description = KEY, example = "low_removal_rate") @PathParam("key") String key,
            @Parameter(description = VERSION, example = "1") @PathParam("version") @Bounds(min = 1) int version) {
        return catalog.deprecate(key, version, caller.actor(), scope());
    }

    @Override
    @GET
    @Path("/{key}/changes")
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "Who changed what, and when",
            description = "actor is the token's subject, actorUsername its preferred_username (null if it had none)")
    @APIResponse(responseCode = "200", description = "Every recorded change, oldest first")
    @APIResponse(responseCode = "404", description = "No such key (or not a rule the caller may see)")
    public List<AlertRuleChangeView> changes(@Parameter(description = KEY, example = "low_removal_rate") @PathParam("key") String key) {
        return catalog.changes(key, scope());
    }

    /** From this request's token: nothing of a caller's scope is kept between requests. */
    private RuleScope scope() {
        return caller.isSuperadmin() ? RuleScope.superadmin() : RuleScope.of(caller.communities());
    }
}
