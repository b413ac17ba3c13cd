package org.moderation.bi.dashboard.overview.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.dashboard.overview.OverviewService;
import org.moderation.bi.dashboard.readmodel.Maturities;
import org.moderation.bi.dashboard.rest.CsvAnswer;
import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.metrics.Horizon;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/overview")
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Overview")
public class OverviewResource {

    private static final Set<String> PARAMETERS = Set.of("from", "to", "tz", "community", "format");
    private static final List<String> CSV_HEADER = List.of("breakdown", "key", "label", "submissions", "removed",
            "removal_rate", "removal_rate_mature");

    private final OverviewService overview;

    public OverviewResource(OverviewService overview) {
        this.overview = overview;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvAnswer.MEDIA_TYPE})
    @Operation(summary = "Submissions, removals, removal rate and takedown sources of a window, with breakdowns",
            description = "format=csv or Accept: text/csv: the totals and every breakdown row as CSV, with the window, "
                    + "scope, read-model version and the rules in '#' lines")
    @APIResponse(responseCode = "200", description = "The overview within the caller's scope", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OverviewView.class)),
            @Content(mediaType = CsvAnswer.MEDIA_TYPE)})
    @APIResponse(responseCode = "400", description = "A missing or malformed date, from not before to, an unknown time zone or parameter, or a community slug that names no community")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, or a community outside the caller's scope")
    @APIResponse(responseCode = "503", description = "The read model did not answer in time")
    @Parameter(name = "community", in = ParameterIn.QUERY, explode = Explode.TRUE, example = "berlin-online-watch",
            description = "Community slug; repeat for several; default: everything in the caller's scope",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    public Response get(
            @Parameter(description = "Start of the window, inclusive: 2024-05-01 or 2024-05-01T00:00:00Z", example = "2024-05-01") @QueryParam("from") String from,
            @Parameter(description = "End of the window, exclusive", example = "2024-06-01") @QueryParam("to") String to,
            @Parameter(description = "IANA time zone for dates without an offset (default UTC)", example = "Europe/Berlin") @QueryParam("tz") String tz,
            @Parameter(description = "json or csv (default: by the Accept header)", schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv"})) @QueryParam("format") String format,
            @Context UriInfo uri, @Context HttpHeaders headers) throws SQLException, IOException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), PARAMETERS);
        ZoneId zone = WindowParameters.zone(tz);
        boolean csv = CsvAnswer.wanted(format, headers);
        // Read raw: an empty community= must be refused, and a declared list parameter would drop it.
        OverviewView view = overview.overview(WindowParameters.window(from, to, zone),
                WindowParameters.communities(uri.getQueryParameters()));
        if (!csv) {
            return Response.ok(view, MediaType.APPLICATION_JSON).build();
        }
        var comments = new ArrayList<String>();
        MaturityView maturity = view.removalRateMaturity();
        comments.add("overview: totals and breakdowns; removal_rate is taken down within "
                + Horizon.words(java.time.Duration.parse(maturity.horizon())) + " of submission over submitted, "
                + "per row; removal_rate_mature: " + (maturity.mature() ? "true, the window's submissions are all "
                + "that old" : "false, immature: " + Maturities.immature(maturity) + ", so the rates can still rise"));
        new java.util.TreeMap<>(view.provenance()).forEach((number, p) -> comments.add(number + ": metric " + p.metric()
                + " v" + p.version() + " (definition " + p.definitionHash() + "), summed from "
                + String.join(" + ", p.readFrom()) + ". " + p.rule()));
        comments.addAll(CsvAnswer.context(view.window(), view.scope(), view.freshness()));
        // A few rows computed before the answer: written whole, nothing is held while the client reads.
        boolean mature = maturity.mature();
        return CsvAnswer.of("overview.csv", comments, CSV_HEADER, rows -> {
            rows.write("total", null, null, view.submissions(), view.removed(), view.removalRate(), mature);
            for (var row : view.byPlatform()) {
                rows.write("platform", row.platform(), null, row.submissions(), row.removed(), row.removalRate(),
                        mature);
            }
            for (var row : view.byPlatformDetail()) {
                rows.write("platform_detail", row.platformDetail(), null, row.submissions(), row.removed(),
                        row.removalRate(), mature);
            }
            for (var row : view.byCommunity()) {
                rows.write("community", row.community(), row.label(), row.submissions(), row.removed(),
                        row.removalRate(), mature);
            }
            for (var source : view.takedownSources().entrySet()) {
                rows.write("takedown_source", source.getKey(), null, null, source.getValue(), null, null);
            }
        });
    }
}
