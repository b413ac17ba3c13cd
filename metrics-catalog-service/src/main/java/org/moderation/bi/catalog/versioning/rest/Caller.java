package org.moderation.bi.catalog.versioning.rest;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import org.moderation.bi.catalog.config.CatalogConfig;
import org.moderation.bi.catalog.versioning.service.Actor;
import org.moderation.bi.shared.security.Roles;

/** Who calls the catalog: what they may see, and how their changes are recorded. */
@ApplicationScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final CatalogConfig config;

    Caller(SecurityIdentity identity, JsonWebToken token, CatalogConfig config) {
        this.identity = identity;
        this.token = token;
        this.config = config;
    }

    public boolean isSuperadmin() {
        return identity.hasRole(Roles.SUPERADMIN);
    }

    /**
     * The community slugs of the token's communities claim, read from this request's token (never kept): absent or
     * empty means none.
     */
    public Set<String> communities() {
        var slugs = new LinkedHashSet<String>();
        Object claim = token.getClaim(config.communitiesClaim());
        if (claim instanceof JsonArray array) {
            array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).forEach(slugs::add);
        } else if (claim instanceof Collection<?> values) {
            values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(slugs::add);
        }
        return slugs;
    }

    /** Superadmins see drafts and deprecated versions; everyone else published versions only. */
    public boolean seesUnpublished() {
        return isSuperadmin();
    }

    /** The token's subject and user name, as the versions and the audit trail record them. */
    public Actor actor() {
        String subject = token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
        return new Actor(subject, token.getClaim(Claims.preferred_username.name()));
    }
}
