package org.moderation.bi.dashboard.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.config.CacheMeters;

/**
 * Bearer tokens quarkus-oidc has checked, with the identity it made of each, so that a client's next requests with
 * the same token are not checked again: the RS256 signature and parsing the token's JSON were about half of what a
 * kept answer cost this service (BENCHMARKS.md). quarkus-oidc has no such cache for JWTs (quarkus#29777), and a
 * bearer token verified locally is never asked about at the provider anyway, so what a kept identity skips is the
 * arithmetic, not a revocation check.
 * <p>
 * Keyed by the whole token: a token that differs in one character (another signature, claim or expiry) is another
 * key, and is checked. An identity is given only until its token expires, and at most {@code bi.verified-tokens-for}
 * after it was checked: that long, a signing key the provider withdraws still admits the tokens it signed that were
 * already seen. Sender-constrained tokens ({@code cnf}: DPoP, mTLS) are never kept, as their proof belongs to each
 * request, nor tokens without an expiry. One tenant: a kept identity is the default tenant's.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** The name of the cache's meters ({@code cache_gets_total{cache="verified-tokens"}} and the like). */
    static final String METERS = "verified-tokens";

    private static final String CONFIRMATION = "cnf";
    /** A token without one is checked at every request: nothing says how long it holds. */
    private static final String EXPIRY = "exp";

    private final Cache<String, SecurityIdentity> identities;
    private final Duration keptFor;
    private final MeterRegistry registry;

    VerifiedTokens(BiConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.keptFor = config.verifiedTokensFor();
        this.identities = config.verifiedTokens() == 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.verifiedTokens())
                .expireAfter(Expiry.creating((String token, SecurityIdentity identity) -> lifetime(identity)))
                .executor(Runnable::run)
                .recordStats()
                .build();
        if (identities != null) {
            CaffeineCacheMetrics.monitor(registry, identities, METERS);
        }
    }

    @PreDestroy
    void unbindMeters() {
        CacheMeters.unbind(registry, METERS);
    }

    /**
     * The identity made of {@code token} when it was checked, given for this request (its routing context); null when
     * none is kept or its token has expired since.
     */
    SecurityIdentity identity(String token, RoutingContext request) {
        if (identities == null || request == null) {
            return null;
        }
        SecurityIdentity kept = identities.getIfPresent(token);
        if (kept == null || !expiry(kept).isAfter(Instant.now())) {
            return null;
        }
        // What quarkus-oidc gives an identity of the request it came with is this request's.
        var identity = QuarkusSecurityIdentity.builder(kept).addAttribute(RoutingContext.class.getName(), request);
        Object blocking = request.get(AuthenticationRequestContext.class.getName());
        if (blocking != null) {
            identity.addAttribute(AuthenticationRequestContext.class.getName(), blocking);
        }
        return identity.build();
    }

    /** Keeps an identity quarkus-oidc made of a JWT bearer token it checked, unless one is kept for that token. */
    void keep(SecurityIdentity identity) {
        if (identities == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !jwt.containsClaim(EXPIRY) || jwt.containsClaim(CONFIRMATION)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.isOpaque() || !credential.getToken().equals(jwt.getRawToken())) {
            return;
        }
        identities.asMap().putIfAbsent(credential.getToken(), identity);
    }

    private Duration lifetime(SecurityIdentity identity) {
        Duration untilExpiry = Duration.between(Instant.now(), expiry(identity));
        return untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.compareTo(keptFor) < 0 ? untilExpiry : keptFor;
    }

    private static Instant expiry(SecurityIdentity identity) {
        return Instant.ofEpochSecond(((JsonWebToken) identity.getPrincipal()).getExpirationTime());
    }
}
