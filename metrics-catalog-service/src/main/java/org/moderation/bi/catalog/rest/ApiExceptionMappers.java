package org.moderation.bi.catalog.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.JsonProblems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Every error as {@code {"error", "message", "details"}}; never a class name or a stack trace. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return Response.status(412).entity(ApiError.of("stale_revision",
                "the draft was changed by someone else at the same time; read it again")).build();
    }

    /** Malformed JSON or a value of the wrong JSON type: where it is, without the parser's internals. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Response.status(400).entity(JsonProblems.unreadable(e, "a metric definition")).build();
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
}
