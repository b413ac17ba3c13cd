package org.moderation.bi.errors;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.shared.api.ApiError;

/**
 * A database that does not answer is a dependency that is down, on every service: a 503 the caller may retry, logged
 * here with its cause (the caller is told nothing of the SQL behind it).
 */
public class DatabaseRefusals {

    private static final Logger LOG = Logger.getLogger(DatabaseRefusals.class);

    @ServerExceptionMapper
    public Response unavailable(SQLException e) {
        LOG.warn("database error answering a request", e);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(ApiError.of("database_unavailable",
                "a database this service needs did not answer; try again later")).build();
    }
}
