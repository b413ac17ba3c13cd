package org.moderation.bi.catalog.versioning.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import org.moderation.bi.catalog.versioning.service.Actor;
import org.moderation.bi.shared.security.Roles;

/** Who calls the catalog: what they may see, and how their changes are recorded. */
@ApplicationScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** Superadmins see drafts and deprecated versions; everyone else published versions only. */
    public boolean seesUnpublished() {
        return identity.hasRole(Roles.SUPERADMIN);
    }

    /** The token's subject and user name, as the versions and the audit trail record them. */
    public Actor actor() {
        String subject = token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
        return new Actor(subject, token.getClaim(Claims.preferred_username.name()));
    }
}
