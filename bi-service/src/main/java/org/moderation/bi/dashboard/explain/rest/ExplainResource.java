package org.moderation.bi.dashboard.explain.rest;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import org.moderation.bi.shared.api.ApiException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.dashboard.explain.ExplainService;
import org.moderation.bi.errors.Bounds;
import org.moderation.bi.shared.api.dashboard.SubmissionExplanation;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/submissions/{id}/explain")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Explain")
public class ExplainResource {

    private final ExplainService explain;

    public ExplainResource(ExplainService explain) {
        this.explain = explain;
    }

    @GET
    @Operation(summary = "Why a submission counts as it does: its effective takedown and its platform, with sources")
    @APIResponse(responseCode = "200", description = "The explanation")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role")
    @APIResponse(responseCode = "404", description = "No such live submission in the caller's scope")
    public SubmissionExplanation get(@Parameter(description = "The submission's id (not the legacy post's)", example = "1") @PathParam("id") @Bounds(min = 1) long id) throws SQLException {
        return explain.explain(id).orElseThrow(() -> ApiException.notFound("no submission " + id + " in your scope"));
    }
}
