package org.moderation.bi.dashboard.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/**
 * Asked before quarkus-oidc's identity provider: a bearer token it checked before is given the identity kept for it
 * ({@link VerifiedTokens}); any other token (none, an expired or a new one) goes on to quarkus-oidc, which checks it.
 */
@ApplicationScoped
public class KnownTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    KnownTokens(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Just before quarkus-oidc's provider, which keeps the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        // A null item hands the request to the next provider.
        return Uni.createFrom().item(tokens.identity(request.getToken().getToken(),
                HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
