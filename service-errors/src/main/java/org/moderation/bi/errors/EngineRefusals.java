package org.moderation.bi.errors;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.engine.Refused;
import org.moderation.bi.shared.api.ApiError;

/**
 * The metric engine's refusals, on every service that asks it a question: a statement cut at its time limit is a 503
 * to retry; an answer too large or a metric nested too deep is the question's own 400. The engine's words are kept.
 */
public class EngineRefusals {

    @ServerExceptionMapper
    public Response refused(Refused e) {
        return switch (e.reason()) {
            case TIMED_OUT -> answer(Response.Status.SERVICE_UNAVAILABLE, "query_timeout", e);
            case TOO_MANY_ROWS -> answer(Response.Status.BAD_REQUEST, "result_too_large", e);
            case TOO_DEEP -> answer(Response.Status.BAD_REQUEST, "metric_too_deep", e);
        };
    }

    private static Response answer(Response.Status status, String code, Refused e) {
        return Response.status(status).entity(ApiError.of(code, e.getMessage())).build();
    }
}
