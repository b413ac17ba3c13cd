package org.moderation.bi.migrator.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.migrator.legacy.LegacySchemaMismatch;
import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.persistence.RunInProgress;
import org.moderation.bi.migrator.stream.StreamCommands;
import org.moderation.bi.shared.api.ApiError;

/**
 * The migrator's own refusals in the shared error shape; those of every service (a database down among them) are
 * service-errors'.
 */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response runInProgress(RunInProgress e) {
        return error(Response.Status.CONFLICT, "run_in_progress", e.getMessage());
    }

    @ServerExceptionMapper
    public Response noCompletedLoad(NoCompletedLoad e) {
        return error(Response.Status.CONFLICT, "no_completed_load", e.getMessage());
    }

    @ServerExceptionMapper
    public Response slotInUse(StreamCommands.SlotInUse e) {
        return error(Response.Status.CONFLICT, "slot_in_use", e.getMessage());
    }

    @ServerExceptionMapper
    public Response legacySchema(LegacySchemaMismatch e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("legacy_schema_mismatch", "the legacy database is not the expected schema",
                        e.problems()))
                .build();
    }

    private static Response error(Response.StatusType status, String code, String message) {
        return Response.status(status).entity(ApiError.of(code, message)).build();
    }
}
