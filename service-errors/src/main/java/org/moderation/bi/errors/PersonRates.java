package org.moderation.bi.errors;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import org.moderation.bi.shared.api.ApiError;

/**
 * How fast one person (a verified token's subject) may ask a service, in front of every resource of all three: a
 * token bucket per person, refilled at {@code requestsASecond} up to {@code burst}. Past it the request is refused
 * with a 429 and Retry-After, and the refusal is held back for {@code refusalHeldFor} on a timer before it is sent:
 * a script that asks again the moment it is refused would otherwise turn the refusals themselves into the flood
 * (thousands a second, each a token check and a route). Held on the I/O thread's timer, it costs no worker.
 * Requests without a person (health, metrics, the page's files) and those of the services' own clients
 * ({@code unmeteredClients}) are not metered here.
 */
public class PersonRates {

    /** People whose bucket is remembered at most; one who has not asked for a minute starts again full. */
    private static final int PEOPLE_REMEMBERED = 100_000;
    /** The client a token was issued to (OpenID Connect Core 1.0, ID token claims). */
    private static final String AUTHORIZED_PARTY = "azp";

    private final HttpLimits.PersonRate rate;
    private final Vertx vertx;
    private final Map<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(PEOPLE_REMEMBERED)
            .expireAfterAccess(Duration.ofMinutes(1)).<String, Bucket>build().asMap();
    private final AtomicInteger held = new AtomicInteger();

    public PersonRates(HttpLimits limits, Vertx vertx) {
        this.rate = limits.personRate();
        this.vertx = vertx;
    }

    /** Runs on the I/O thread before any blocking resource takes a worker, once the token is verified. */
    @ServerRequestFilter(nonBlocking = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> meter(ContainerRequestContext request) {
        String person = meteredPerson(request.getSecurityContext().getUserPrincipal());
        if (person == null) {
            return Uni.createFrom().nullItem();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(person, p -> Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.requestsASecond(), Duration.ofSeconds(1)))
                .build()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Uni.createFrom().nullItem();
        }
        Duration hold = rate.refusalHeldFor();
        boolean holding = held.incrementAndGet() <= rate.refusalsHeldAtMost() && !hold.isZero();
        if (!holding) {
            held.decrementAndGet();
            return Uni.createFrom().item(refusal(probe, Duration.ZERO));
        }
        Response refusal = refusal(probe, hold);
        return Uni.createFrom().emitter(answer -> vertx.setTimer(hold.toMillis(), timer -> {
            held.decrementAndGet();
            answer.complete(refusal);
        }));
    }

    private Response refusal(ConsumptionProbe probe, Duration held) {
        long waitAfterwards = Math.max(0, probe.getNanosToWaitForRefill() - held.toNanos());
        long retryAfter = Math.max(1, (waitAfterwards + 999_999_999) / 1_000_000_000);
        var body = ApiError.of("too_many_requests", "you sent more than " + rate.requestsASecond() + " requests a "
                + "second (or " + rate.burst() + " at once), as many as one person may; retry in " + retryAfter + " s");
        return Response.status(429).header("Retry-After", retryAfter).entity(body).build();
    }

    /**
     * The token's subject, or its name where it has none; null for a request without a person or from an unmetered
     * client.
     */
    private String meteredPerson(Principal principal) {
        if (principal == null) {
            return null;
        }
        if (principal instanceof JsonWebToken token) {
            Object client = token.getClaim(AUTHORIZED_PARTY);
            String clientId = client instanceof JsonString text ? text.getString() : String.valueOf(client);
            if (client != null && rate.unmeteredClients().contains(clientId)) {
                return null;
            }
            if (token.getSubject() != null) {
                return token.getSubject();
            }
        }
        return principal.getName();
    }
}
