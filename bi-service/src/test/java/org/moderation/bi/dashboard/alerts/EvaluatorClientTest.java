package org.moderation.bi.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.oidc.client.OidcClients;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.KeycloakServer;

/**
 * The evaluator's own OIDC client: its client-credentials grant at the local realm's real Keycloak (run-local.sh
 * configures it) gives a token the services accept, with the role that reads every rule; at a token endpoint of our
 * own, a token is kept while it is far from expiry, asked for again near it, and a refusal is an error in words.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(KeycloakServer.class)
@WithTestResource(CatalogStub.class)
class EvaluatorClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OidcClients clients;

    private HttpServer provider;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long expiresIn = 3600;

    @BeforeEach
    void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/token", exchange -> {
            requests.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = (status == 200
                    ? "{\"access_token\":\"token-" + requests.size() + "\",\"expires_in\":" + expiresIn + "}"
                    : "{\"error\":\"unauthorized_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    private ClientCredentials ownProvider(String secret) {
        return new ClientCredentials(clients,
                URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/token"), "moderation-services",
                secret);
    }

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
        URI tokenUrl = URI.create(KeycloakServer.issuer() + "/protocol/openid-connect/token");

        var credentials = new ClientCredentials(clients, tokenUrl, "bi-alerts-evaluator", secret);
        String token = credentials.token();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("realm_access").path("roles").toString()).contains("superadmin");
        assertThat(claims.path("aud").toString()).contains(KeycloakServer.SERVICES_CLIENT);
        given().auth().oauth2(token).get("/api/v1/alerts").then().statusCode(200);
        // Kept, not asked for again at every round.
        assertThat(credentials.token()).isSameAs(token);

        var wrong = new ClientCredentials(clients, tokenUrl, "bi-alerts-evaluator", secret + "-not");
        assertThatThrownBy(wrong::token).isInstanceOf(IOException.class)
                .hasMessageContaining("Invalid client credentials");
    }

    @Test
    void aTokenFarFromExpiryIsKeptAndOneNearItIsAskedForAgain() throws Exception {
        var credentials = ownProvider("s3cret");
        assertThat(credentials.token()).isEqualTo("token-1");
        assertThat(credentials.token()).isEqualTo("token-1");
        assertThat(requests).singleElement().satisfies(request -> assertThat(request)
                .startsWith("Basic " + Base64.getEncoder().encodeToString(
                        "moderation-services:s3cret".getBytes(StandardCharsets.UTF_8)))
                .contains("grant_type=client_credentials"));

        expiresIn = ClientCredentials.RENEW_BEFORE_EXPIRY.toSeconds() - 5;
        var nearExpiry = ownProvider("s3cret");
        assertThat(nearExpiry.token()).isEqualTo("token-2");
        assertThat(nearExpiry.token()).isEqualTo("token-3");
    }

    @Test
    void aRefusalIsAnErrorInWords() {
        status = 401;
        assertThatThrownBy(ownProvider("wrong")::token).isInstanceOf(IOException.class)
                .hasMessage("the token endpoint refused or failed: {\"error\":\"unauthorized_client\"}");
    }
}
