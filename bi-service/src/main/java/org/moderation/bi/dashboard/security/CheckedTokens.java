package org.moderation.bi.dashboard.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each identity quarkus-oidc made of a bearer token it checked ({@link VerifiedTokens}). The first augmentor:
 * the identity is kept as quarkus-oidc made it, so a kept one goes through every other augmentor again, as a newly
 * checked one does.
 */
@ApplicationScoped
public class CheckedTokens implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;

    CheckedTokens(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        tokens.keep(identity);
        return Uni.createFrom().item(identity);
    }
}
