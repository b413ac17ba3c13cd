package org.moderation.bi.dashboard.rest;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.dashboard.scope.OutOfScope;
import org.moderation.bi.engine.snapshot.QueryTimedOut;
import org.moderation.bi.shared.api.ApiError;

/** Every error as {@code {"error", "message", "details"}}: a caller's mistake is a 4xx, a dependency down a 503. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response outOfScope(OutOfScope e) {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(new ApiError("out_of_scope", e.explanation(), e.communities())).build();
    }

    @ServerExceptionMapper
    public Response timedOut(QueryTimedOut e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, "query_timeout", e.getMessage());
    }

    @ServerExceptionMapper
    public Response database(SQLException e) {
        LOG.warn("read model query failed", e);
        return error(Response.Status.SERVICE_UNAVAILABLE, "read_model_unavailable",
                "the read model did not answer; try again later");
    }

    private static Response error(Response.StatusType status, String code, String message) {
        return Response.status(status).entity(ApiError.of(code, message)).build();
    }
}
