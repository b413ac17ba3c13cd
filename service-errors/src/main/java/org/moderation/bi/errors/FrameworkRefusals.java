package org.moderation.bi.errors;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;

/**
 * What every request meets first, before authentication and before any resource: a request target or headers above
 * the service's limits, a bearer token that is not even a JWT, a body announced larger than the limit, and the body
 * itself, read here on the I/O thread within a deadline. Then the refusals the framework makes on its own (a bad
 * token, a body above the limit, an identity provider that cannot be reached) get the shared error shape, where
 * Quarkus answers them with empty or generic bodies. Other failures go on to Quarkus' own handler.
 * <p>
 * Bodies are read here because Quarkus REST reads a blocking resource's body on the worker thread that runs it: a
 * client that announces a body and sends it slowly would park a worker for as long as it likes, and a few hundred
 * such clients stop the service, health checks included. A body read here is handed to the resource whole
 * ({@code RoutingContext.body()}), so workers only ever see complete requests.
 */
@ApplicationScoped
public class FrameworkRefusals {

    private static final Logger LOG = Logger.getLogger(FrameworkRefusals.class);

    private static final Set<Integer> ANSWERED = Set.of(401, 403, 404, 405, 413, 415);
    /** A JWS in compact form: the only kind of token the provider issues and the services accept. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final String BEARER = "bearer ";
    /** Marks a request answered 408 while its body was still arriving: what fails after that is not news. */
    private static final String TIMED_OUT = FrameworkRefusals.class.getName() + ".timedOut";
    private static final String DEADLINE = FrameworkRefusals.class.getName() + ".deadline";

    private final ObjectMapper json;
    private final Vertx vertx;
    private final HttpLimits limits;
    private final long bodyLimit;
    private final BodyHandler bodies;

    /** @param bodyLimit Quarkus' own limit, which this enforces with a body of ours */
    public FrameworkRefusals(ObjectMapper json, Vertx vertx, HttpLimits limits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize bodyLimit) {
        this.json = json;
        this.vertx = vertx;
        this.limits = limits;
        this.bodyLimit = bodyLimit.asLongValue();
        this.bodies = BodyHandler.create(false).setBodyLimit(this.bodyLimit);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::screen).failureHandler(this::answer);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::bodyArrived);
    }

    private void screen(RoutingContext context) {
        context.request().connection().exceptionHandler(FrameworkRefusals::connectionFailed);
        Refusal refusal = oversized(context.request());
        if (refusal == null) {
            RequestTargets.Unreadable unreadable = RequestTargets.check(context.request().uri());
            refusal = unreadable == null ? null : Refusal.unreadableTarget(unreadable);
        }
        if (refusal == null) {
            refusal = malformedBearer(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        }
        if (refusal != null) {
            write(context, refusal);
        } else if (hasBody(context.request())) {
            readBody(context);
        } else {
            context.next();
        }
    }

    /**
     * A request target, headers or announced body above the limits. A body whose length is not announced (chunks)
     * meets the same limit while it is read.
     */
    private Refusal oversized(HttpServerRequest request) {
        if (request.uri().length() > limits.maxUriLength().asLongValue()) {
            return Refusal.uriTooLong(limits.maxUriLength().asLongValue());
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length();
        }
        if (headerBytes > limits.maxHeaderSize().asLongValue()) {
            return Refusal.headersTooLarge(limits.maxHeaderSize().asLongValue());
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > bodyLimit) {
            return Refusal.bodyTooLarge(bodyLimit);
        }
        return null;
    }

    /**
     * A bearer credential that is not a compact JWS is refused here: nothing can verify it, and the token parser
     * fails on some shapes ({@code ....}) with an exception that would surface as a 500 with a logged stack trace.
     */
    private static Refusal malformedBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return COMPACT_JWS.matcher(token).matches() ? null : Refusal.unauthenticated(authorization, null);
    }

    /**
     * A client that leaves mid-answer (a closed download, a reset) is routine, not an error of the service: without a
     * handler Vert.x logs each one as an ERROR with a stack trace.
     */
    private static void connectionFailed(Throwable failure) {
        LOG.debugf("connection ended by the client: %s", failure.getMessage());
    }

    private static boolean hasBody(HttpServerRequest request) {
        return !request.isEnded() && announcesBody(request);
    }

    /** HTTP/1.1's rule: a request has a body when it announces a length above zero, or chunks (no HTTP/2 here). */
    static boolean announcesBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || length != null && !length.isBlank() && !length.chars().allMatch(c -> c == '0');
    }

    /**
     * Reads the whole body with Vert.x' body handler (the size limit, then {@code next()} with the body in place), or
     * answers 408 and closes the connection when it has not arrived in time. The timer runs on the request's own
     * event loop, so it and the body's arrival never race.
     */
    private void readBody(RoutingContext context) {
        long deadline = vertx.setTimer(limits.bodyTimeout().toMillis(), id -> {
            if (!context.response().ended() && !context.response().headWritten()) {
                context.put(TIMED_OUT, true);
                write(context, Refusal.requestTimeout(limits.bodyTimeout()));
            }
        });
        context.put(DEADLINE, deadline);
        context.addEndHandler(ended -> vertx.cancelTimer(deadline));
        bodies.handle(context);
    }

    /** Where the body handler goes on to: the request moves on unless it was already answered 408. */
    private void bodyArrived(RoutingContext context) {
        if (Boolean.TRUE.equals(context.get(TIMED_OUT))) {
            return;
        }
        Long deadline = context.get(DEADLINE);
        if (deadline != null) {
            vertx.cancelTimer(deadline);
        }
        context.next();
    }

    private void answer(RoutingContext context) {
        if (Boolean.TRUE.equals(context.get(TIMED_OUT))) {
            return;
        }
        if (context.response().closed()) {
            // The client left (a closed tab, a stopped script) before its answer, held or still being computed, was
            // written: there is no one to answer, and Quarkus' handler would log each such request as two ERRORs.
            LOG.debugf("%s %s: the client left before its answer (%s)", context.request().method(),
                    context.request().path(), context.failure());
            return;
        }
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
        if (status == 400) {
            // Vert.x Web fails a path it cannot decode before any route sees it, with an empty 400.
            RequestTargets.Unreadable unreadable = RequestTargets.check(request.uri());
            if (unreadable != null) {
                return Refusal.unreadableTarget(unreadable);
            }
        }
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
        boolean close = (refusal.status() == 413 || refusal.status() == 408)
                && context.request().version() != HttpVersion.HTTP_2;
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8").end(body)
                .onComplete(written -> {
                    if (close) {
                        context.request().connection().close();
                    }
                });
    }
}
