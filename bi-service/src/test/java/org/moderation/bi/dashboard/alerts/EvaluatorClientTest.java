package org.moderation.bi.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.KeycloakServer;

/**
 * The local realm's client for the alert evaluator (run-local.sh configures it): its client-credentials grant at a
 * real Keycloak gives a token the services accept, with the role that reads every rule.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(KeycloakServer.class)
@WithTestResource(CatalogStub.class)
class EvaluatorClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEvaluatorsOwnClientGetsATokenTheServicesAccept() throws Exception {
        JsonNode realm = JSON.readTree(Path.of(System.getProperty("keycloak.realm")).toFile());
        String secret = null;
        for (JsonNode client : realm.path("clients")) {
            if ("bi-alerts-evaluator".equals(client.path("clientId").asText())) {
                secret = client.path("secret").asText();
            }
        }
        assertThat(secret).as("the realm's bi-alerts-evaluator client").isNotBlank();

        var credentials = new ClientCredentials(URI.create(KeycloakServer.issuer() + "/protocol/openid-connect/token"),
                "bi-alerts-evaluator", secret);
        String token = credentials.token(Instant.now());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("realm_access").path("roles").toString()).contains("superadmin");
        assertThat(claims.path("aud").toString()).contains(KeycloakServer.SERVICES_CLIENT);
        given().auth().oauth2(token).get("/api/v1/alerts").then().statusCode(200);
        // Kept, not asked for again at every round.
        assertThat(credentials.token(Instant.now())).isSameAs(token);

        var wrong = new ClientCredentials(URI.create(KeycloakServer.issuer() + "/protocol/openid-connect/token"),
                "bi-alerts-evaluator", secret + "-not");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.token(Instant.now()))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("401");
    }
}
