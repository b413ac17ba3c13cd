package org.moderation.bi.catalog.alert.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    /**
     * The longest page of the list, and the page without a limit: bi-service's evaluator reads the list without one,
     * and gets every rule of a catalog of up to this many (until it follows the Link header).
     */
    public static final int MAX_LIMIT = 5000;

    private static final String KEY = "The key of the alert rule";
    private static final String VERSION = "The version, from 1";
    private static final String SCOPE = " A community manager: only rules that name their communities, every one of "
            + "them in the token's communities claim.";
    private static final String OWNER = "Only the rule's owner (who created it) or a superadmin.";
    private static final String BUDGETS = " Rule budgets: a community manager holds at most catalog.alert-rules."
            + "per-person rules that are not deprecated (100 unless configured), a superadmin is not limited so; every "
            + "community is watched by at most catalog.alert-rules.per-community of them (100), whoever wrote them, "
            + "superadmins too (a rule over every community counts against none). A rule past one is a 409 "
            + "rule_budget_exceeded saying which, and that deprecating a rule makes room.";
    private static final String MANAGER_KEYS = " A community manager's key is kept in a namespace of their own: the "
            + "catalog puts m_, 10 hexadecimal digits of their identity and _ before the key they write (at most 50 "
            + "characters), and answers with that key; a key that begins with their namespace already is kept as "
            + "written. So two managers never contend for a key, and no manager learns of a rule they cannot see by "
            + "its key. A superadmin's key is kept as written, and may not take that form.";
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
    @Operation(summary = "Create", description = "The definition becomes version 1, a draft." + SCOPE + MANAGER_KEYS
            + BUDGETS)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid definition: every problem with its JSON path")
    @APIResponse(responseCode = "403", description = "A community outside the caller's, or none named by a manager")
    @APIResponse(responseCode = "409", description = "One with this key exists (for a manager: one of their own); or "
            + "the caller's budget of rules, or a community's, is reached (rule_budget_exceeded)")
    public Response create(@RequestBody(required = true) JsonNode definition) {
        return created(catalog.create(bodies.read(definition, AlertRuleDefinition.class), caller.actor(), scope()));
    }

    @GET
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "List", description = "Every version, drafts included, of the rules the caller may see, in "
            + "the order of their keys, a page at a time: while there are more, the Link header (rel=\"next\") gives "
            + "the next page. Without limit, a page is " + MAX_LIMIT + " rules: every rule, for the callers that "
            + "read the list before it had pages." + SCOPE)
    @APIResponse(responseCode = "200", description = "Those the caller may see: a JSON array",
            headers = @Header(name = HttpHeaders.LINK, description = "The next page, <" + PATH + "?limit=…&after=…>; "
                    + "rel=\"next\"; none on the last page", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = AlertRuleSummaryView.class)))
    @APIResponse(responseCode = "400", description = "A limit that is not a whole number from 1 to " + MAX_LIMIT)
    public Response list(
            @Parameter(description = "Rules per page, 1.." + MAX_LIMIT + " (default " + MAX_LIMIT + ")")
            @QueryParam("limit") @Bounds(min = 1, max = MAX_LIMIT) Integer limit,
            @Parameter(description = "The key the page starts after: the last one of the previous page, as its Link "
                    + "header gives it") @QueryParam("after") String after) {
        int size = limit == null ? MAX_LIMIT : limit;
        // One more than the page tells whether there is a next one.
        List<AlertRuleSummaryView> rules = catalog.list(scope(), after, size + 1);
        if (rules.size() <= size) {
            return Response.ok(rules).build();
        }
        List<AlertRuleSummaryView> page = rules.subList(0, size);
        URI next = UriBuilder.fromPath(PATH).queryParam("limit", size).queryParam("after", page.getLast().key()).build();
        return Response.ok(page).links(Link.fromUri(next).rel("next").build()).build();
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
    @APIResponse(responseCode = "409", description = "The version is published or deprecated: it never changes; or "
            + "it would watch a community whose budget of rules is reached (rule_budget_exceeded)")
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
    @Operation(summary = "Start a new draft version from the latest version", description = OWNER + " A rule all of "
            + "whose versions are deprecated counts against the rule budgets again.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "403", description = NOT_OWNER)
    @APIResponse(responseCode = "404", description = "No such key (or not a rule the caller may see)")
    @APIResponse(responseCode = "409", description = "A draft exists already; or a budget of rules is reached "
            + "(rule_budget_exceeded)")
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
