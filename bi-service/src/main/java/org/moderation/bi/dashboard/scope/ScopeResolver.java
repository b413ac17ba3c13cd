package org.moderation.bi.dashboard.scope;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.shared.security.Roles;

/**
 * Decides what the caller may see from their token: a superadmin every community (or those they name), a
 * community manager only the slugs of the communities claim. Slugs are compared exactly, as the token has them.
 */
@RequestScoped
public class ScopeResolver {

    private final SecurityIdentity identity;
    private final BiConfig config;
    private final Communities communities;
    private final Event<CallerClaims> seen;

    public ScopeResolver(SecurityIdentity identity, BiConfig config, Communities communities,
            Event<CallerClaims> seen) {
        this.identity = identity;
        this.config = config;
        this.communities = communities;
        this.seen = seen;
    }

    /**
     * @param requested the communities the caller named (may be empty, may repeat). For a community manager a slug
     *                  outside their token's scope is a 403 whether it exists or not (a 400 would tell them which
     *                  communities exist); a slug of their scope that names no community (any more) is a 400. For a
     *                  superadmin a slug of no community is a 400 that suggests the slug they may have meant.
     */
    public CommunityScope resolve(List<String> requested) throws SQLException {
        Set<String> named = new LinkedHashSet<>(requested == null ? List.of() : requested);
        if (identity.hasRole(Roles.SUPERADMIN)) {
            seen.fire(new CallerClaims(subject(), true, List.of(), issuedAt()));
            communities.requireKnown(named, true);
            return new CommunityScope(Roles.SUPERADMIN, named.isEmpty(), List.copyOf(named));
        }
        if (!identity.hasRole(Roles.COMMUNITY_MANAGER)) {
            throw new ForbiddenException();
        }
        Set<String> allowed = tokenCommunities();
        seen.fire(new CallerClaims(subject(), false, List.copyOf(allowed), issuedAt()));
        if (named.isEmpty()) {
            return new CommunityScope(Roles.COMMUNITY_MANAGER, false, List.copyOf(allowed));
        }
        List<String> outside = named.stream().filter(slug -> !allowed.contains(slug)).toList();
        if (!outside.isEmpty()) {
            throw new OutOfScope(outside, List.copyOf(allowed));
        }
        communities.requireKnown(named, false);
        return new CommunityScope(Roles.COMMUNITY_MANAGER, false, List.copyOf(named));
    }

    private String subject() {
        return identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject() : identity.getPrincipal().getName();
    }

    private Instant issuedAt() {
        return identity.getPrincipal() instanceof JsonWebToken token && token.getIssuedAtTime() > 0
                ? Instant.ofEpochSecond(token.getIssuedAtTime()) : null;
    }

    private Set<String> tokenCommunities() {
        var slugs = new LinkedHashSet<String>();
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(config.communitiesClaim());
            if (claim instanceof JsonArray array) {
                array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString())
                        .forEach(slugs::add);
            } else if (claim instanceof Collection<?> values) {
                values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(slugs::add);
            }
        }
        return slugs;
    }
}
