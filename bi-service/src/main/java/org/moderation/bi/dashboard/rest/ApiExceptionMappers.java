package org.moderation.bi.dashboard.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.dashboard.metrics.catalog.CatalogCalls;
import org.moderation.bi.dashboard.scope.OutOfScope;
import org.moderation.bi.shared.api.ApiError;

/**
 * bi-service's own refusals in the shared error shape; those of every service (a database down among them) are
 * service-errors'.
 */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response outOfScope(OutOfScope e) {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(new ApiError("out_of_scope", e.explanation(), e.communities())).build();
    }

    /** Work a replica does only so many of at once, per caller and in all (exports, previews): never queued. */
    @ServerExceptionMapper
    public Response tooMany(TooManyAtOnce e) {
        return Response.status(e.status()).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).entity(e.error())
                .build();
    }

    /** The catalog's refusals, passed on; its 429 with the catalog's Retry-After. */
    @ServerExceptionMapper
    public Response catalogRefused(CatalogCalls.Refused e) {
        var answer = Response.status(e.status()).entity(e.error());
        if (e.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return answer.build();
    }
}
