package org.moderation.bi.errors;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.vertx.core.http.HttpServerRequest;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.JsonProblems;

/**
 * Refusals of what a request carries, the same on every service: a body that is not the JSON the endpoint takes
 * (worded by {@link JsonProblems}; read strictly, see {@link StrictJson}), a body without a Content-Type, a parameter
 * that is not what it takes ({@link StrictParameters}), and the {@link WebApplicationException}s that resources
 * throw with a message for the caller ({@code BadRequestException("from is required …")}).
 */
public class InputRefusals {

    /**
     * Quarkus REST reads a body that has no Content-Type as the endpoint's first {@code @Consumes} type: a body of
     * unknown type would be taken for JSON. Checked where a route matched, before the body is read; a Content-Type
     * the route does not take is refused by Quarkus REST itself ({@link RestRefusals}).
     */
    @ServerRequestFilter
    public Response untypedBody(HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (FrameworkRefusals.announcesBody(request) && (contentType == null || contentType.isBlank())) {
            Refusal refusal = Refusal.unsupportedMediaType(null);
            return Response.status(refusal.status()).entity(refusal.body()).build();
        }
        return null;
    }

    @ServerExceptionMapper
    public Response parameter(ParameterRefused e, HttpServerRequest request) {
        if (e.inPath()) {
            return Response.status(404).entity(new ApiError("not_found", "there is no " + request.method().name()
                    + " " + request.path() + ": " + e.getMessage(), List.of(e.name()))).build();
        }
        return Response.status(400).entity(new ApiError("bad_request", e.getMessage(), List.of(e.name()))).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Response.status(400).entity(JsonProblems.unreadable(e)).build();
    }

    /** Replaces Quarkus' own mapper for this subtype (unknown property, wrong type), whose body is not ours. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /** Quarkus REST wraps the body's syntax errors in a 400 WebApplicationException; other ones carry our message. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Response.status(status).entity(ApiError.ofStatus(status.getReasonPhrase(), e.getMessage())).build();
    }
}
