package org.moderation.bi.migrator.run.rest;

import java.sql.SQLException;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import org.moderation.bi.shared.api.ApiException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.errors.Bounds;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.run.RunQueries;
import org.moderation.bi.migrator.run.RunService;
import org.moderation.bi.shared.api.PageView;
import org.moderation.bi.shared.api.migration.RunView;
import org.moderation.bi.shared.api.migration.StartRunRequest;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERADMIN)
@Tag(name = "Migration runs")
public class RunResource {

    private final RunService runs;
    private final RunQueries queries;

    public RunResource(RunService runs, RunQueries queries) {
        this.runs = runs;
        this.queries = queries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run; it continues in the background",
            description = "full: load every legacy post; delta: the posts whose updated_at moved. Both then reconcile "
                    + "legacy and target by content (as reconcile does alone) and validate; full and audit check every "
                    + "submission and the read model. allowMassDelete lets a real clean-up delete more than the "
                    + "deletion guard allows.")
    @APIResponse(responseCode = "202", description = "The run, as recorded when it started")
    @APIResponse(responseCode = "400", description = "kind is not full, delta, reconcile or audit")
    @APIResponse(responseCode = "409", description = "Another run is in progress, or there is no completed load to "
            + "start a delta, reconciliation or audit from")
    public Response start(StartRunRequest request) throws SQLException {
        RunView run = runs.start(kind(request), request != null && Boolean.TRUE.equals(request.allowMassDelete()));
        return Response.accepted(run).header("Location", "/api/v1/runs/" + run.id()).build();
    }

    @GET
    @Operation(summary = "Runs, newest first")
    @APIResponse(responseCode = "200", description = "One page of runs")
    @APIResponse(responseCode = "400", description = "page not a whole number of 0 or more, or size not one of 1..100")
    public PageView<RunView> list(@Parameter(description = "The page, from 0 (newest runs first)") @QueryParam("page") @DefaultValue("0") @Bounds(min = 0) int page,
            @Parameter(description = "Runs per page, 1..100") @QueryParam("size") @DefaultValue("20") @Bounds(min = 1, max = 100) int size) throws SQLException {
        return queries.page(page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run: status, window, counts, progress and validation results")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunView get(@Parameter(description = "The run's id", example = "1") @PathParam("id") @Bounds(min = 1) long id) throws SQLException {
        return queries.find(id).orElseThrow(() -> ApiException.notFound("no run " + id));
    }

    private static RunKind kind(StartRunRequest request) {
        String kind = request == null || request.kind() == null ? "" : request.kind().toLowerCase(Locale.ROOT);
        return RunKind.of(kind).orElseThrow(() -> new BadRequestException(
                "kind must be \"full\", \"delta\", \"reconcile\" or \"audit\""));
    }
}
