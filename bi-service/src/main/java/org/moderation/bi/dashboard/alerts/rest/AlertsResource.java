package org.moderation.bi.dashboard.alerts.rest;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.dashboard.alerts.AlertStates;
import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/alerts")
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Alerts")
public class AlertsResource {

    private static final Set<String> STATES = Set.of(AlertState.OK, AlertState.PENDING, AlertState.FIRING,
            AlertState.NO_DATA, AlertState.STALE, AlertState.ERROR);

    private final AlertStates states;

    public AlertsResource(AlertStates states) {
        this.states = states;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The alert rules' states the caller may see",
            description = "Each published alert rule as last evaluated (its latest published version): state, value, "
                    + "threshold, since when, the read-model version it was read in, and the path that lists the "
                    + "submissions behind the value. A community manager sees only rules whose communities are all in "
                    + "their token's communities claim.")
    @APIResponse(responseCode = "200", description = "The states, by rule key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = AlertState.class)))
    @APIResponse(responseCode = "400", description = "An unknown parameter, state or severity")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role")
    public List<AlertState> alerts(
            @Parameter(description = "Only rules in this state", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"ok", "pending", "firing", "no_data", "stale", "error"})) @QueryParam("state") String state,
            @Parameter(description = "Only rules of this severity", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"info", "warning", "critical"})) @QueryParam("severity") String severity,
            @Context UriInfo uri) throws SQLException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), Set.of("state", "severity"));
        if (state != null && !STATES.contains(state)) {
            throw new BadRequestException("not a state: " + state + "; one of " + STATES.stream().sorted().toList());
        }
        if (severity != null && !AlertRuleDefinition.SEVERITIES.contains(severity)) {
            throw new BadRequestException("not a severity: " + severity + "; one of " + AlertRuleDefinition.SEVERITIES);
        }
        return states.visible(state, severity);
    }
}
