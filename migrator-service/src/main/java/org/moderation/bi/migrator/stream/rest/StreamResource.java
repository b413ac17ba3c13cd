package org.moderation.bi.migrator.stream.rest;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.migrator.stream.StreamCommands;
import org.moderation.bi.shared.api.migration.ResumeStreamRequest;
import org.moderation.bi.shared.api.migration.StreamView;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/stream")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERADMIN)
@Tag(name = "Stream of legacy changes")
public class StreamResource {

    private final StreamCommands commands;

    public StreamResource(StreamCommands commands) {
        this.commands = commands;
    }

    @GET
    @Operation(summary = "The stream: what it is doing and why, where it stands, and the slot on the legacy server",
            description = "freshness is what pages say of their numbers: live, or how often the scheduled deltas poll.")
    @APIResponse(responseCode = "200", description = "The stream")
    public StreamView get() throws SQLException {
        return commands.view();
    }

    @POST
    @Path("/pause")
    @Operation(summary = "Pause the stream until a person resumes it (scheduled deltas keep polling)")
    @APIResponse(responseCode = "200", description = "The stream, paused")
    public StreamView pause() throws SQLException {
        return commands.pause();
    }

    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume a stream an operator or the deletion guard paused",
            description = "allowMassDelete applies the refused batch with its deletions, once (a real clean-up).")
    @APIResponse(responseCode = "200", description = "The stream, starting again")
    public StreamView resume(ResumeStreamRequest request) throws SQLException {
        return commands.resume(request != null && Boolean.TRUE.equals(request.allowMassDelete()));
    }

    @POST
    @Path("/slot/recreate")
    @Operation(summary = "Drop and recreate the replication slot",
            description = "The stream starts again from now. Changes committed while there was no slot are lost to "
                    + "it, so it is not called live until a run that starts later has reconciled the target (the next "
                    + "scheduled delta, or POST /api/v1/runs {\"kind\": \"reconcile\"}).")
    @APIResponse(responseCode = "202", description = "The stream, with the new slot")
    @APIResponse(responseCode = "409", description = "A run is in progress, or another process streams from the slot")
    public Response recreateSlot() throws SQLException {
        commands.recreateSlot();
        return Response.accepted(commands.view()).build();
    }

    @DELETE
    @Path("/slot")
    @Operation(summary = "Drop the replication slot (the legacy server stops keeping WAL for it)",
            description = "Streaming stays off until the slot is recreated; scheduled deltas poll meanwhile.")
    @APIResponse(responseCode = "200", description = "The stream, stopped")
    @APIResponse(responseCode = "409", description = "A run is in progress, or another process streams from the slot")
    public StreamView dropSlot() throws SQLException {
        commands.dropSlot();
        return commands.view();
    }
}
