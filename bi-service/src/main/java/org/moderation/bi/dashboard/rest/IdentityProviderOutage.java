package org.moderation.bi.dashboard.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.oidc.OIDCException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.moderation.bi.shared.api.ApiError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * While the identity provider cannot be reached (at start, or when its keys must be fetched again), no token can be
 * checked. Tokens are checked before any resource runs, so this is a router failure handler, not an exception
 * mapper: the caller gets a 503 in the error shape of every other answer, to retry, instead of a bare 500.
 */
@ApplicationScoped
public class IdentityProviderOutage {

    private static final Logger LOG = Logger.getLogger(IdentityProviderOutage.class);

    private final String body;

    public IdentityProviderOutage(ObjectMapper json) throws JsonProcessingException {
        this.body = json.writeValueAsString(ApiError.of("identity_provider_unavailable",
                "tokens cannot be checked because the identity provider does not answer; try again later"));
    }

    void register(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (!(context.failure() instanceof OIDCException outage) || context.response().ended()) {
            context.next();
            return;
        }
        LOG.warnf("identity provider unavailable, answering 503: %s", outage.getMessage());
        context.response().setStatusCode(503).putHeader("Content-Type", "application/json").end(body);
    }
}
