package org.moderation.bi.dashboard.alerts;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.client.OidcClients;

import org.moderation.bi.dashboard.config.BiConfig;

/**
 * The Authorization header the evaluator calls the catalog with: the configured token, else a client-credentials
 * token of the evaluator's own OIDC client, else none.
 */
@ApplicationScoped
class CatalogCredential {

    private final Optional<String> fixed;
    private final Optional<ClientCredentials> client;

    CatalogCredential(BiConfig config, OidcClients clients) {
        BiConfig.Alerts alerts = config.alerts();
        this.fixed = alerts.catalogToken().filter(t -> !t.isBlank());
        BiConfig.Alerts.Client c = alerts.client();
        this.client = c.tokenUrl().isPresent() && c.clientId().isPresent() && c.clientSecret().isPresent()
                ? Optional.of(new ClientCredentials(clients, URI.create(c.tokenUrl().get()), c.clientId().get(),
                        c.clientSecret().get()))
                : Optional.empty();
    }

    /** Empty: none configured. A token of the client is kept by the wall clock, whatever instant a round is for. */
    Optional<String> authorization() throws IOException {
        if (fixed.isPresent()) {
            String token = fixed.get();
            return Optional.of(token.regionMatches(true, 0, "Bearer ", 0, 7) ? token : "Bearer " + token);
        }
        if (client.isPresent()) {
            return Optional.of("Bearer " + client.get().token());
        }
        return Optional.empty();
    }
}
