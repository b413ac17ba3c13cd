package org.moderation.bi.dashboard.export;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An export refused for the caps: the error shape, and when to try again. */
public class ExportRefusals {

    @ServerExceptionMapper
    public Response tooManyExports(TooManyExports e) {
        return Response.status(e.status()).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).entity(e.error())
                .build();
    }
}
