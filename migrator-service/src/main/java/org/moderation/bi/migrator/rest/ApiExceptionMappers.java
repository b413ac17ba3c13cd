package org.moderation.bi.migrator.rest;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.migrator.legacy.LegacySchemaMismatch;
import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.persistence.RunInProgress;
import org.moderation.bi.shared.api.ApiError;

/** Every error as {@code {"error", "message", "details"}}: a caller's mistake is a 4xx, a dependency down a 503. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response runInProgress(RunInProgress e) {
        return error(Response.Status.CONFLICT, "run_in_progress", e.getMessage());
    }

    @ServerExceptionMapper
    public Response noCompletedLoad(NoCompletedLoad e) {
        return error(Response.Status.CONFLICT, "no_completed_load", e.getMessage());
    }

    @ServerExceptionMapper
    public Response legacySchema(LegacySchemaMismatch e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("legacy_schema_mismatch", "the legacy database is not the expected schema",
                        e.problems()))
                .build();
    }

    @ServerExceptionMapper
    public Response database(SQLException e) {
        LOG.warn("database error answering a request", e);
        return error(Response.Status.SERVICE_UNAVAILABLE, "database_unavailable",
                "a database the migrator needs did not answer; try again later");
    }

    private static Response error(Response.StatusType status, String code, String message) {
        return Response.status(status).entity(ApiError.of(code, message)).build();
    }
}
