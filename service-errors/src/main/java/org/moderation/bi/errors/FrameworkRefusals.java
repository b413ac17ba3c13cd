package org.moderation.bi.errors;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.quarkus.oidc.OIDCException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The refusals the framework makes before a request reaches a resource: a bad bearer token (proactive authentication
 * fails the request after setting the challenge), a body above the size limit, and an identity provider that cannot
 * be reached to check tokens (a 503 to retry, not a bare 500). Quarkus answers them with empty or generic bodies; here
 * they get the shared error shape. Other failures go on to Quarkus' own handler.
 */
@ApplicationScoped
public class FrameworkRefusals {

    private static final Logger LOG = Logger.getLogger(FrameworkRefusals.class);

    private static final Set<Integer> ANSWERED = Set.of(401, 403, 404, 405, 413, 415);

    private final ObjectMapper json;
    private final long bodyLimit;

    /** @param bodyLimit Quarkus' own limit, which this enforces with a body of ours */
    public FrameworkRefusals(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize bodyLimit) {
        this.json = json;
        this.bodyLimit = bodyLimit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limitBody).failureHandler(this::answer);
    }

    /**
     * A body announced larger than the limit is refused before anything reads it (Quarkus would answer it with an
     * empty 413). A body whose length is not announced (chunks) is counted as Quarkus' REST layer reads it, which
     * ends the answer itself, empty, past the limit: reading it ahead here instead breaks requests upgraded to HTTP/2.
     */
    private void limitBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > bodyLimit) {
            write(context, Refusal.bodyTooLarge(bodyLimit));
            return;
        }
        context.next();
    }

    private void answer(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
            context.next();
            return;
        }
        Refusal refusal = refusal(context);
        if (refusal == null) {
            context.next();
            return;
        }
        write(context, refusal);
    }

    private Refusal refusal(RoutingContext context) {
        Throwable failure = context.failure();
        HttpServerRequest request = context.request();
        if (failure instanceof OIDCException outage) {
            LOG.warnf("identity provider unavailable, answering 503: %s", outage.getMessage());
            return Refusal.identityProviderUnavailable();
        }
        if (failure instanceof AuthenticationFailedException) {
            return Refusal.unauthenticated(request.getHeader(HttpHeaders.AUTHORIZATION), failure);
        }
        if (failure instanceof io.quarkus.security.ForbiddenException) {
            return Refusal.forbidden();
        }
        int status = context.statusCode() > 0 ? context.statusCode()
                : failure instanceof HttpException http ? http.getStatusCode() : context.response().getStatusCode();
        if (!ANSWERED.contains(status)) {
            return null;
        }
        return switch (status) {
            case 401 -> Refusal.unauthenticated(request.getHeader(HttpHeaders.AUTHORIZATION), failure);
            case 403 -> Refusal.forbidden();
            case 404 -> Refusal.noRoute(request.method().name(), request.path());
            case 405 -> Refusal.methodNotAllowed(request.method().name(), request.path(), List.of());
            case 413 -> Refusal.bodyTooLarge(bodyLimit);
            default -> Refusal.unsupportedMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE));
        };
    }

    private void write(RoutingContext context, Refusal refusal) {
        String body;
        try {
            body = json.writeValueAsString(refusal.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is a plain record", e);
        }
        var response = context.response().setStatusCode(refusal.status());
        refusal.headers().forEach(response::putHeader);
        // The rest of the body is left unread, so an HTTP/1 connection closes (HTTP/2 forbids the header).
        if (refusal.status() == 413 && context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8").end(body);
    }
}
