package org.moderation.bi.dashboard.alerts.rest;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

import org.moderation.bi.dashboard.alerts.AlertPreviews;
import org.moderation.bi.dashboard.alerts.AlertStates;
import org.moderation.bi.dashboard.metrics.catalog.CatalogRuleWrites;
import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.shared.alerts.AlertPreview;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.alerts.AlertTransition;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/alerts")
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Alerts")
public class AlertsResource {

    private static final int DEFAULT_PAGE = 200;
    private static final int MAX_PAGE = 1000;
    private static final Set<String> STATES = Set.of(AlertState.OK, AlertState.PENDING, AlertState.FIRING,
            AlertState.NO_DATA, AlertState.STALE, AlertState.ERROR);

    private static final int MAX_HISTORY = 500;

    private final AlertStates states;
    private final AlertPreviews previews;
    private final CatalogRuleWrites writes;
    private final ScopeResolver scopes;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public AlertsResource(AlertStates states, AlertPreviews previews, CatalogRuleWrites writes, ScopeResolver scopes,
            SecurityIdentity identity, JsonWebToken token) {
        this.states = states;
        this.previews = previews;
        this.writes = writes;
        this.scopes = scopes;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The alert rules' states the caller may see, a page at a time",
            description = "Each published alert rule as last evaluated (its latest published version): state, value, "
                    + "threshold, since when, the read-model version it was read in, and the path that lists the "
                    + "submissions behind the value. A community manager sees only rules whose communities are all in "
                    + "their token's communities claim. By rule key, at most `limit` a page; where there are more, "
                    + "the `Link` header's `rel=\"next\"` is the next page (`after` the page's last key).")
    @APIResponse(responseCode = "200", description = "The states, by rule key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = AlertState.class)))
    @APIResponse(responseCode = "400", description = "An unknown parameter, state or severity, or a limit out of range")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role")
    public Response alerts(
            @Parameter(description = "Only rules in this state", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"ok", "pending", "firing", "no_data", "stale", "error"})) @QueryParam("state") String state,
            @Parameter(description = "Only rules of this severity", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"info", "warning", "critical"})) @QueryParam("severity") String severity,
            @Parameter(description = "At most this many rules, 1.." + MAX_PAGE + " (default " + DEFAULT_PAGE + ")")
                    @QueryParam("limit") @Bounds(min = 1, max = MAX_PAGE) Integer limit,
            @Parameter(description = "Only rules whose key sorts after this one (the last key of the page before)")
                    @QueryParam("after") String after,
            @Context UriInfo uri) throws SQLException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), Set.of("state", "severity", "limit", "after"));
        if (state != null && !STATES.contains(state)) {
            throw new BadRequestException("not a state: " + state + "; one of " + STATES.stream().sorted().toList());
        }
        if (severity != null && !AlertRuleDefinition.SEVERITIES.contains(severity)) {
            throw new BadRequestException("not a severity: " + severity + "; one of " + AlertRuleDefinition.SEVERITIES);
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        List<AlertState> page = states.visible(state, severity, after, size + 1);
        if (page.size() <= size) {
            return Response.ok(page).build();
        }
        List<AlertState> shown = page.subList(0, size);
        URI next = uri.getRequestUriBuilder().replaceQueryParam("after", shown.getLast().rule())
                .replaceQueryParam("limit", size).build();
        return Response.ok(shown).link(next, "next").build();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How often a rule would have fired over the last 90 days",
            description = "Evaluates an alert rule that need not be in the catalog (the body of "
                    + "`POST /api/v1/alert-rules` on the catalog) once a day, at the last minute of each of the last 90 "
                    + "days in the rule's zone (today: the minute under way), through the metric engine in one snapshot "
                    + "of the read model as it is now, judged as the evaluator judges (minimum count, `for` duration at "
                    + "that daily step). The catalog's rules for a rule apply; a community manager's rule names only "
                    + "their communities. At most two previews run at once per replica, one per person.")
    @APIResponse(responseCode = "200", description = "Each day's value and state, and how often it fired",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertPreview.class)))
    @APIResponse(responseCode = "400", description = "An invalid rule (every problem with its JSON path) or an unknown community")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, a community outside the caller's, a manager's rule over every community, or an unpublished metric version")
    @APIResponse(responseCode = "404", description = "No such metric or version")
    @APIResponse(responseCode = "429", description = "The caller's preview, or two previews, already run here (Retry-After)")
    @APIResponse(responseCode = "503", description = "The preview took too long, or the catalog is down")
    public AlertPreview preview(AlertRuleDefinition rule, @Context RoutingContext request) throws SQLException {
        if (rule == null) {
            throw new ApiException(400, "invalid_definition", "an alert rule definition is required");
        }
        CommunityScope scope = scopes.resolve(rule.communities());
        return previews.preview(caller(), rule, scope, identity.hasRole(Roles.SUPERADMIN),
                "Bearer " + token.getRawToken(), request.response()::closed);
    }

    @POST
    @Path("/rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create and publish an alert rule in the catalog (for the page)",
            description = "The page's \"alert me when…\": creates the rule in the metrics catalog as version 1 and "
                    + "publishes it, with the caller's own token, so the catalog's rules and scope checks apply and "
                    + "its audit names the caller. The evaluator reads it at its next round. Refusals are the "
                    + "catalog's, passed on (409: the key exists). A community manager's rule is kept under a key "
                    + "in their own namespace (m_…_<key>): the answer says which.")
    @APIResponse(responseCode = "201", description = "The published version 1", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertRuleVersionView.class)))
    @APIResponse(responseCode = "400", description = "An invalid rule (the catalog's problems) or an unknown community")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, or a community outside the caller's")
    @APIResponse(responseCode = "409", description = "A rule with this key exists (for a manager: one of their own), "
            + "or a budget of rules is reached")
    @APIResponse(responseCode = "503", description = "The catalog did not answer")
    public Response create(AlertRuleDefinition rule) throws SQLException {
        if (rule == null) {
            throw new ApiException(400, "invalid_definition", "an alert rule definition is required");
        }
        scopes.resolve(rule.communities());
        AlertRuleVersionView published = writes.createAndPublish(rule, "Bearer " + token.getRawToken());
        return Response.status(Response.Status.CREATED).entity(published).build();
    }

    @GET
    @Path("/{rule}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An alert rule's changes of state, newest first",
            description = "Every change of the rule's state the evaluator recorded (ok, pending, firing, no data, "
                    + "stale, error), with the value, threshold and read-model version of that evaluation and the "
                    + "path that lists the submissions behind the value: the rule fired where `to` is `firing`, and "
                    + "resolved at the next change to a state that is neither `stale` nor `error`. Kept for `bi.alerts.history-retention`. A community manager sees "
                    + "only the changes of versions whose communities are all in their token's claim.")
    @APIResponse(responseCode = "200", description = "The changes, newest first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = AlertTransition.class)))
    @APIResponse(responseCode = "400", description = "An unknown parameter or a limit out of range")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role")
    @APIResponse(responseCode = "404", description = "No rule of that key with a history the caller may see")
    public List<AlertTransition> history(
            @Parameter(description = "The rule's key", example = "low_removal_rate") @PathParam("rule") String rule,
            @Parameter(description = "At most this many changes, 1..500 (default 50)") @QueryParam("limit")
            @Bounds(min = 1, max = MAX_HISTORY) Integer limit,
            @Context UriInfo uri) throws SQLException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), Set.of("limit"));
        return states.history(rule, limit == null ? 50 : limit);
    }

    /** Whom a slot is counted against: the token's subject. */
    private String caller() {
        return token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
    }
}
