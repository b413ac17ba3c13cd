package org.moderation.bi.dashboard.overview.rest;

import java.sql.SQLException;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.dashboard.overview.OverviewService;
import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/overview")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Overview")
public class OverviewResource {

    private static final Set<String> PARAMETERS = Set.of("from", "to", "tz", "community");

    private final OverviewService overview;

    public OverviewResource(OverviewService overview) {
        this.overview = overview;
    }

    @GET
    @Operation(summary = "Submissions, removals, removal rate and takedown sources of a window, with breakdowns")
    @APIResponse(responseCode = "200", description = "The overview within the caller's scope")
    @APIResponse(responseCode = "400", description = "A missing or malformed date, from not before to, an unknown time zone or parameter")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, or a community outside the caller's scope")
    @APIResponse(responseCode = "503", description = "The read model did not answer in time")
    @Parameter(name = "community", in = ParameterIn.QUERY,
            description = "Community slug; repeat for several; default: everything in the caller's scope")
    public OverviewView get(
            @Parameter(description = "Start of the window, inclusive: 2024-05-01 or 2024-05-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "End of the window, exclusive") @QueryParam("to") String to,
            @Parameter(description = "IANA time zone for dates without an offset (default UTC)") @QueryParam("tz") String tz,
            @Context UriInfo uri) throws SQLException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), PARAMETERS);
        // Read raw: an empty community= must be refused, and a declared list parameter would drop it.
        return overview.overview(WindowParameters.window(from, to, tz),
                WindowParameters.communities(uri.getQueryParameters()));
    }
}
