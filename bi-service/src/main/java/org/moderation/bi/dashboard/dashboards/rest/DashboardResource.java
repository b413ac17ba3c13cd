package org.moderation.bi.dashboard.dashboards.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import org.moderation.bi.dashboard.dashboards.DashboardService;
import org.moderation.bi.dashboard.filters.DimensionFilters;
import org.moderation.bi.dashboard.filters.DimensionParameters;
import org.moderation.bi.dashboard.filters.DimensionParametersInOpenApi;
import org.moderation.bi.dashboard.readmodel.Comparison;
import org.moderation.bi.dashboard.rest.CsvAnswer;
import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.dashboard.timeseries.Granularity;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.DashboardView;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/dashboards/{key}/view")
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Dashboards")
public class DashboardResource {

    private static final Set<String> PARAMETERS = Stream.concat(DimensionParameters.names().stream(),
            Stream.of("from", "to", "tz", "granularity", "community", "compare", "format"))
            .collect(Collectors.toUnmodifiableSet());

    private final DashboardService dashboards;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public DashboardResource(DashboardService dashboards, SecurityIdentity identity, JsonWebToken token) {
        this.dashboards = dashboards;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvAnswer.MEDIA_TYPE})
    @Operation(summary = "A dashboard's numbers for a window: its KPIs compared with the period before, its series "
            + "and its breakdowns", description = "The catalog's latest published version of the dashboard says which "
            + "metric, at which version, fills each number; every number names it. All of them are computed in one "
            + "snapshot of the read model, within the caller's scope and narrowed by the dimension filters given "
            + "(platform, platformDetail, category, hashtag, reportChannel, takedownChannel, language, "
            + "classifierLabel: one value each; on a many-valued dimension, the submissions having that value among "
            + "others). A number of a metric with a horizon says "
            + "whether its window or bucket is mature; an immature KPI is not compared with the period before. "
            + "format=csv or Accept: text/csv: every number as a row, with the same flags.")
    @APIResponse(responseCode = "200", description = "The dashboard's numbers", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DashboardView.class)),
            @Content(mediaType = CsvAnswer.MEDIA_TYPE)})
    @APIResponse(responseCode = "400", description = "Bad dates, time zone, granularity, comparison, community or "
            + "filter value")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, or a community outside the caller's scope")
    @APIResponse(responseCode = "404", description = "No such dashboard, or none of its versions is published")
    @APIResponse(responseCode = "503", description = "The catalog is down and the dashboard was not seen before, or "
            + "the read model did not answer in time")
    @Parameter(name = "community", in = ParameterIn.QUERY, explode = Explode.TRUE, example = "berlin-online-watch",
            description = "Community slug; repeat for several; default: everything in the caller's scope",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Extension(name = DimensionParametersInOpenApi.TAKES_THEM, value = "true")
    public Response view(
            @Parameter(description = "The dashboard's key", example = "overview") @PathParam("key") String key,
            @Parameter(description = "Start of the window, inclusive", example = "2026-10-01") @QueryParam("from") String from,
            @Parameter(description = "End of the window, exclusive", example = "2026-11-01") @QueryParam("to") String to,
            @Parameter(description = "IANA time zone of the buckets and of dates without an offset (default UTC)")
            @QueryParam("tz") String tz,
            @Parameter(description = "hour (windows starting within the last 7 days), day, week or month (default day)", schema = @Schema(type = SchemaType.STRING, enumeration = {"hour", "day", "week", "month"}, defaultValue = "day"))
            @QueryParam("granularity") String granularity,
            @Parameter(description = "previous (default: the same length just before), year (a year earlier) or none", schema = @Schema(type = SchemaType.STRING, enumeration = {"previous", "year", "none"}, defaultValue = "previous"))
            @QueryParam("compare") String compare,
            @Parameter(description = "json or csv (default: by the Accept header)", schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv"})) @QueryParam("format") String format,
            @Context UriInfo uri, @Context HttpHeaders headers) throws SQLException, IOException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), PARAMETERS);
        if (!MetricValidator.KEY.matcher(key).matches()) {
            throw new ApiException(404, "not_found", "not a dashboard key: lower-case letters, digits and _");
        }
        ZoneId zone = WindowParameters.zone(tz);
        var ask = new DashboardService.Ask(WindowParameters.window(from, to, zone), zone,
                Granularity.of(granularity == null ? "day" : granularity), Comparison.of(compare),
                WindowParameters.communities(uri.getQueryParameters()),
                DimensionFilters.of(DimensionParameters.asked(uri.getQueryParameters())));
        boolean csv = CsvAnswer.wanted(format, headers);
        DashboardView view = dashboards.view(key, ask, identity.hasRole(Roles.SUPERADMIN),
                "Bearer " + token.getRawToken());
        return csv ? DashboardCsv.of(view) : Response.ok(view, MediaType.APPLICATION_JSON).build();
    }
}
