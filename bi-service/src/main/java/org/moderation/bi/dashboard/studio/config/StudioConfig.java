package org.moderation.bi.dashboard.studio.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard page ("BI Studio"): the OIDC provider and public client it logs in with. */
@ConfigMapping(prefix = "bi.studio")
public interface StudioConfig {

    /** The issuer the page logs in at: by default the one whose tokens this service accepts. */
    @WithDefault("${quarkus.oidc.auth-server-url:http://127.0.0.1:8180/realms/moderation}")
    String issuer();

    /** A public client with the authorization code flow and PKCE (S256); never a confidential one. */
    @WithDefault("moderation-dashboard")
    String clientId();
}
