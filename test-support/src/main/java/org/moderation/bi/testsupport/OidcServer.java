package org.moderation.bi.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** A mock OIDC provider serving discovery and the public key that {@link Tokens} signs with; turns OIDC on. */
public class OidcServer implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://server.example.com";

    private final OidcWiremockTestResource provider = new OidcWiremockTestResource();

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(provider.start());
        config.put("oidc.tenant-enabled", "true");
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        config.put("quarkus.oidc.token.issuer", ISSUER);
        return config;
    }

    @Override
    public void stop() {
        provider.stop();
    }
}
