package org.moderation.bi.catalog.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.shared.api.ApiError;

/** Every error as {@code {"error", "message", "details"}}; never a class name or a stack trace. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return Response.status(412).entity(ApiError.of("stale_revision",
                "the draft was changed by someone else at the same time; read it again")).build();
    }
}
