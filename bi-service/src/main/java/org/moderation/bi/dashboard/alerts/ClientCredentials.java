package org.moderation.bi.dashboard.alerts;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.TimeoutException;

/**
 * An access token of the evaluator's own OIDC client (the client-credentials grant) through quarkus-oidc-client: asked
 * for once, kept, and asked for again shortly before it expires. Every wait is bounded.
 */
final class ClientCredentials {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A token is renewed this long before it expires, so that no round sends one that expires on the way. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final OidcClients clients;
    private final OidcClientConfig config;
    private final TokensHelper tokens = new TokensHelper();
    private OidcClient client;

    ClientCredentials(OidcClients clients, URI tokenUrl, String clientId, String clientSecret) {
        this.clients = clients;
        this.config = new OidcClientConfigBuilder()
                .id("bi-alerts-evaluator")
                .tokenPath(tokenUrl.toString())
                .discoveryEnabled(false)
                .clientId(clientId)
                .credentials(clientSecret)
                .grant(OidcClientConfig.Grant.Type.CLIENT)
                .refreshTokenTimeSkew(RENEW_BEFORE_EXPIRY)
                .connectionTimeout(TIMEOUT)
                .connectionRetryCount(1)
                .build();
    }

    /** The access token; an error in words when the provider cannot be reached or refuses the client. */
    synchronized String token() throws IOException {
        try {
            if (client == null) {
                client = clients.newClient(config).await().atMost(TIMEOUT);
            }
            return tokens.getTokens(client).await().atMost(TIMEOUT).getAccessToken();
        } catch (TimeoutException e) {
            throw new IOException("the token endpoint did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (RuntimeException e) {
            throw new IOException("the token endpoint refused or failed: " + e.getMessage(), e);
        }
    }
}
