package org.moderation.bi.shared.security;

/** The role names every service checks, as the OIDC provider issues them in {@code realm_access.roles}. */
public final class Roles {

    public static final String SUPERADMIN = "superadmin";
    public static final String COMMUNITY_MANAGER = "community-manager";

    private Roles() {
    }
}
