package org.moderation.bi.dashboard.submissions.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

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
import io.vertx.ext.web.RoutingContext;

import org.moderation.bi.dashboard.export.CsvExports;
import org.moderation.bi.dashboard.filters.DimensionFilters;
import org.moderation.bi.dashboard.filters.DimensionParameters;
import org.moderation.bi.dashboard.filters.DimensionParametersInOpenApi;
import org.moderation.bi.dashboard.readmodel.Maturities;
import org.moderation.bi.dashboard.rest.CsvAnswer;
import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.dashboard.submissions.SubmissionListService;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.metrics.Horizon;
import org.moderation.bi.shared.api.dashboard.SubmissionListView;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/submissions")
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Submissions behind a number")
public class SubmissionsResource {

    /** The filters only a list has (how a submission ended, the search); the dimensions' are the dashboard's. */
    private static final List<String> LIST_FILTERS = List.of("takedownSource", "takenDown", "noCommunity", "q");
    private static final Set<String> PARAMETERS = parameters();
    /** What moderators act on (the post's URL as recorded, an excerpt, the author) last: the others keep their places. */
    private static final List<String> CSV_HEADER = List.of("submission_id", "legacy_id", "community", "platform",
            "platform_detail", "submitted_at", "effective_takedown_at", "takedown_source", "report_count",
            "explanation", "post_url", "excerpt", "author_handle");

    private final SubmissionListService submissions;
    private final CsvExports exports;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public SubmissionsResource(SubmissionListService submissions, CsvExports exports, SecurityIdentity identity,
            JsonWebToken token) {
        this.submissions = submissions;
        this.exports = exports;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvAnswer.MEDIA_TYPE})
    @Operation(summary = "The submissions behind a number, newest first",
            description = "measure=submitted (submitted in the window) or removed (effective takedown in the window), "
                    + "or metric=KEY for a published simple catalog metric (its time column and filters). The first "
                    + "page's total equals the number drilled into: an overview KPI or breakdown row, or a series "
                    + "bucket, with the same window, scope and filters (takenDown=true lists a removal rate's "
                    + "numerator, noCommunity=true the row of submissions without a community). Keyset-paged with "
                    + "the next cursor. format=csv or Accept: text/csv exports the whole list, read in one snapshot, with "
                    + "its row count in a '# rows:' line; a caller runs at most a few exports at once.")
    @APIResponse(responseCode = "200", description = "A page of the list, or the whole list as CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionListView.class)),
            @Content(mediaType = CsvAnswer.MEDIA_TYPE)})
    @APIResponse(responseCode = "400", description = "A missing or malformed window, an unknown parameter, measure, value, community or cursor, a limit outside 1..500, or a metric that is not simple")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, a community outside the caller's scope, or an unpublished metric version")
    @APIResponse(responseCode = "404", description = "No such metric or version")
    @APIResponse(responseCode = "422", description = "A search (q) that matches more than can be listed in time: narrow it")
    @APIResponse(responseCode = "429", description = "CSV: the caller, or the service, already runs as many exports as it may; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "The read model or the catalog did not answer in time")
    @Parameter(name = "community", in = ParameterIn.QUERY, explode = Explode.TRUE, example = "berlin-online-watch",
            description = "Community slug; repeat for several; default: everything in the caller's scope",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Extension(name = DimensionParametersInOpenApi.TAKES_THEM, value = "true")
    @Parameter(name = "takedownSource", in = ParameterIn.QUERY, description = "report_flow or legacy_fallback", schema = @Schema(type = SchemaType.STRING, enumeration = {"report_flow", "legacy_fallback"}))
    @Parameter(name = "takenDown", in = ParameterIn.QUERY, description = "true or false: has an effective takedown time up to now", schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "noCommunity", in = ParameterIn.QUERY, description = "true: only submissions without a community", schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "q", in = ParameterIn.QUERY, example = "holocaust -museum", description = "Search, 1 to 200 characters: the posts' words as a web search (words, \"a phrase\", -without, or), each post in its own language (stemmed), and from three characters on also the author handles and links that contain it; the total and the CSV export count the same submissions", schema = @Schema(type = SchemaType.STRING, maxLength = SubmissionListService.MAX_SEARCH))
    public Response list(
            @Parameter(description = "Start of the window, inclusive: 2024-05-01 or 2024-05-01T00:00:00Z", example = "2024-05-01") @QueryParam("from") String from,
            @Parameter(description = "End of the window, exclusive", example = "2024-06-01") @QueryParam("to") String to,
            @Parameter(description = "IANA time zone for dates without an offset (default UTC)", example = "Europe/Berlin") @QueryParam("tz") String tz,
            @Parameter(description = "submitted (by submission date) or removed (by effective takedown date)", schema = @Schema(type = SchemaType.STRING, enumeration = {"submitted", "removed"})) @QueryParam("measure") String measure,
            @Parameter(description = "A published simple catalog metric's key") @QueryParam("metric") String metric,
            @Parameter(description = "The metric's version (default: its latest published)") @QueryParam("version") @Bounds(min = 1) Integer version,
            @Parameter(description = "For a ratio metric: list its numerator or its denominator", schema = @Schema(
                    type = SchemaType.STRING, enumeration = {"numerator", "denominator"})) @QueryParam("part") String part,
            @Parameter(description = "The next cursor of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Rows per page, 1..500 (default 50); not for CSV, which has every row") @QueryParam("limit") @Bounds(min = 1, max = SubmissionListService.MAX_LIMIT) Integer limit,
            @Parameter(description = "json or csv (default: by the Accept header)", schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv"})) @QueryParam("format") String format,
            @Context UriInfo uri, @Context HttpHeaders headers, @Context RoutingContext request)
            throws SQLException, IOException {
        var parameters = uri.getQueryParameters();
        WindowParameters.onlyKnown(parameters, PARAMETERS);
        var listFilters = new LinkedHashMap<String, String>();
        for (String name : LIST_FILTERS) {
            String value = parameters.getFirst(name);
            if (value != null) {
                listFilters.put(name, value);
            }
        }
        var query = new SubmissionListService.Query(WindowParameters.window(from, to, tz), measure, metric, version,
                part, WindowParameters.communities(parameters),
                DimensionFilters.of(DimensionParameters.asked(parameters)), listFilters);
        SubmissionListService.Listing listing = submissions.listing(query, identity.hasRole(Roles.SUPERADMIN),
                "Bearer " + token.getRawToken());
        if (!CsvAnswer.wanted(format, headers)) {
            return Response.ok(submissions.page(listing, after,
                    limit == null ? SubmissionListService.DEFAULT_LIMIT : limit), MediaType.APPLICATION_JSON).build();
        }
        return exports.send(caller(), request, "submissions-" + listing.name() + ".csv", CSV_HEADER, rows -> {
            var readModel = submissions.export(listing, item -> rows.write(item.submissionId(), item.legacyId(),
                    item.community(), item.platform(), item.platformDetail(), item.submittedAt(),
                    item.effectiveTakedownAt(), item.takedownSource(), item.reportCount(), item.explanation(),
                    item.url(), item.excerpt(), item.authorHandle()));
            return comments(listing, readModel, submissions.maturity(listing));
        });
    }

    /** Whose exports are counted against the per-caller cap: the token's subject. */
    private String caller() {
        return token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
    }

    private static List<String> comments(SubmissionListService.Listing listing, OverviewView.Freshness readModel,
            MaturityView maturity) {
        var listed = listing.listed();
        var comments = new ArrayList<>(List.of(
                "submissions behind " + listing.name() + ": metric " + listed.key() + " v" + listed.version()
                        + " (definition " + listed.definitionHash() + "), newest first",
                "rule: " + listing.rule(),
                "filters: " + (listing.filterParameters().isEmpty() ? "none"
                        : new TreeMap<>(listing.filterParameters()).toString())));
        if (maturity != null) {
            comments.add("maturity: " + (maturity.mature() ? "mature, the window's submissions are all "
                    + Horizon.words(java.time.Duration.parse(maturity.horizon())) + " old"
                    : "immature, " + Maturities.immature(maturity) + ": more of them can still be taken down in time"));
        }
        comments.addAll(CsvAnswer.context(SubmissionListService.window(listing), listing.scope().view(), readModel));
        return comments;
    }

    /** Every parameter a list knows: the dashboard's dimensions, the list's own filters, the window and the page. */
    private static Set<String> parameters() {
        Set<String> names = new HashSet<>(DimensionParameters.names());
        names.addAll(LIST_FILTERS);
        names.addAll(List.of("from", "to", "tz", "measure", "metric", "version", "part", "community", "after", "limit",
                "format"));
        return Set.copyOf(names);
    }
}
