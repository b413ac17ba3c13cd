package org.moderation.bi.dashboard.rest;

import java.sql.SQLException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.dashboard.export.TooManyExports;
import org.moderation.bi.dashboard.query.QueryTimedOut;
import org.moderation.bi.dashboard.scope.OutOfScope;
import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.JsonProblems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Every error as {@code {"error", "message", "details"}}: a caller's mistake is a 4xx, a dependency down a 503. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response outOfScope(OutOfScope e) {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(new ApiError("out_of_scope", "you may not see these communities", e.communities())).build();
    }

    @ServerExceptionMapper
    public Response tooManyExports(TooManyExports e) {
        return Response.status(e.status()).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).entity(e.error())
                .build();
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

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(JsonProblems.unreadable(e, "a metric query")).build();
    }

    /** Replaces Quarkus' own mapper for this subtype (unknown property, wrong type), whose body is not ours. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Response.status(status).entity(ApiError.ofStatus(status.getReasonPhrase(), e.getMessage())).build();
    }

    private static Response error(Response.StatusType status, String code, String message) {
        return Response.status(status).entity(ApiError.of(code, message)).build();
    }
}
