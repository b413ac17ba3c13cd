package org.moderation.bi.errors;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import org.moderation.bi.shared.api.ApiError;

/**
 * An error body is JSON whatever the request asked for: a route that also answers in CSV, or a client that accepts
 * only XML, would otherwise have the error written in a type nobody can write it in (a bare 500 instead of the
 * refusal). Runs on the answers of every exception mapper, the services' own included.
 */
public class ErrorsAsJson {

    @ServerResponseFilter
    public void asJson(ContainerResponseContext response) {
        if (response.getEntity() instanceof ApiError error) {
            response.setEntity(error, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
