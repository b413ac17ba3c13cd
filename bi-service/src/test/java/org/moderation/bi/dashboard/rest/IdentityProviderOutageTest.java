package org.moderation.bi.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.Tokens;

/** The service started while its identity provider was down, and it is still down. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@TestProfile(IdentityProviderOutageTest.ProviderDown.class)
class IdentityProviderOutageTest {

    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + closedPort() + "/realms/moderation");
        }
    }

    /** A port that was free a moment ago: nothing listens on it, so connecting is refused at once. */
    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
