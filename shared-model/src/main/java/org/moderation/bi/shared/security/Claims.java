package org.moderation.bi.shared.security;

/** Token claim names (defaults; each service lets configuration override the path). */
public final class Claims {

    /** Where Keycloak puts realm roles. */
    public static final String ROLES_PATH = "realm_access/roles";

    /** Array of community slugs a community manager may see; absent or empty means no community. */
    public static final String COMMUNITIES = "communities";

    private Claims() {
    }
}
