package org.moderation.bi.dashboard.timeseries.rest;

import java.sql.SQLException;
import java.time.ZoneId;
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
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.dashboard.timeseries.Granularity;
import org.moderation.bi.dashboard.timeseries.GroupBy;
import org.moderation.bi.dashboard.timeseries.Metric;
import org.moderation.bi.dashboard.timeseries.TimeSeriesService;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/timeseries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Time series")
public class TimeSeriesResource {

    private static final Set<String> PARAMETERS = Set.of("metric", "granularity", "from", "to", "tz", "community",
            "groupBy");

    private final TimeSeriesService series;

    public TimeSeriesResource(TimeSeriesService series) {
        this.series = series;
    }

    @GET
    @Operation(summary = "A metric per hour, day, week or month of a window, zero-filled, optionally split into series",
            description = "Hours cover windows that start within the last 7 days.")
    @APIResponse(responseCode = "200", description = "Every bucket of the window, within the caller's scope")
    @APIResponse(responseCode = "400", description = "An unknown metric, granularity, groupBy or community, bad dates, or too many buckets")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, or a community outside the caller's scope")
    @APIResponse(responseCode = "503", description = "The read model did not answer in time")
    @Parameter(name = "community", in = ParameterIn.QUERY, explode = Explode.TRUE, example = "berlin-online-watch",
            description = "Community slug; repeat for several; default: everything in the caller's scope",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    public TimeSeriesView get(
            @Parameter(description = "submissions, removals, removal_rate (within 14 days of submission; each point says whether its submissions are all 14 days old) or removal_rate_by_now", schema = @Schema(type = SchemaType.STRING, enumeration = {"submissions", "removals", "removal_rate", "removal_rate_by_now"})) @QueryParam("metric") String metric,
            @Parameter(description = "hour (windows starting within the last 7 days), day, week or month", schema = @Schema(type = SchemaType.STRING, enumeration = {"hour", "day", "week", "month"})) @QueryParam("granularity") String granularity,
            @Parameter(description = "Start of the window, inclusive", example = "2024-05-01") @QueryParam("from") String from,
            @Parameter(description = "End of the window, exclusive", example = "2024-06-01") @QueryParam("to") String to,
            @Parameter(description = "IANA time zone of the buckets and of dates without an offset (default UTC)", example = "Europe/Berlin") @QueryParam("tz") String tz,
            @Parameter(description = "platform, platformDetail, community or takedownSource", schema = @Schema(type = SchemaType.STRING, enumeration = {"platform", "platformDetail", "community", "takedownSource"})) @QueryParam("groupBy") String groupBy,
            @Context UriInfo uri) throws SQLException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), PARAMETERS);
        ZoneId zone = WindowParameters.zone(tz);
        return series.series(Metric.of(metric), Granularity.of(granularity), groupBy == null ? null : GroupBy.of(groupBy),
                WindowParameters.window(from, to, zone), zone, WindowParameters.communities(uri.getQueryParameters()));
    }
}
