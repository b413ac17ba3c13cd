package org.moderation.bi.errors;

import java.sql.SQLException;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.moderation.bi.shared.api.ApiError;

/**
 * What no other mapper answers, on every service. A database failure wrapped by a library (Hibernate's
 * {@code JDBCConnectionException} when its connections were terminated) is the database being unavailable, as
 * {@link DatabaseRefusals} says of a bare one; anything else is a 500 in the error shape whose id leads to the log
 * entry. Never Quarkus' text/plain page: it names classes, and in some modes a stack.
 */
public class UnexpectedFailures {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailures.class);

    private final DatabaseRefusals database = new DatabaseRefusals();

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return database.unavailable(sql);
            }
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure answering a request (error id %s)", id);
        return Response.serverError().entity(ApiError.of("internal_error", "the service failed to answer this "
                + "request; report error id " + id + " with the time to its operators, who find the cause in its log"))
                .build();
    }
}
