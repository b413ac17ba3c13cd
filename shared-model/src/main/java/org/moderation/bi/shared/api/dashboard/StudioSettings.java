package org.moderation.bi.shared.api.dashboard;

/**
 * What the dashboard page needs before anyone has logged in: where to log in and as which client.
 *
 * @param issuer   the OIDC issuer (realm URL) the page logs in at, with authorization code and PKCE
 * @param clientId the public client the page logs in as
 */
public record StudioSettings(String issuer, String clientId) {
}
