package org.moderation.bi.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.Ports;
import org.moderation.bi.testsupport.Tokens;

/** The service started while its identity provider was down, and it is still down. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@TestProfile(IdentityProviderOutageTest.ProviderDown.class)
class IdentityProviderOutageTest {

    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on a free port, so every attempt to reach the provider is refused at once.
            return Map.of("oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + Ports.free() + "/realms/moderation");
        }
    }

    @Test
    void aTokenThatCannotBeCheckedIsA503ToRetryInTheUsualErrorShape() {
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/overview?from=2024-05-01&to=2024-06-01")
                .then().statusCode(503).contentType("application/json")
                .body("error", equalTo("identity_provider_unavailable"))
                .body(not(containsString("Exception")));
    }

    @Test
    void theServiceStaysLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
