package org.moderation.bi.catalog.swagger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.testsupport.KeycloakServer;

/**
 * How admins manage definitions: the catalog's Swagger UI in a browser, logged in at a real Keycloak with the local
 * realm's demo superadmin (authorization code with PKCE, the public client), creating a metric and publishing it.
 * Swagger UI sends the token only to operations that declare the security scheme; this is the path that broke when
 * the inherited operations did not. The screenshot goes to target/, or to {@code -Ddocs.screenshots=…}.
 */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(value = KeycloakServer.class,
        initArgs = @ResourceArg(name = KeycloakServer.ORIGIN, value = "http://127.0.0.1:8083"))
class SwaggerUiBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("docs.screenshots", "target"));
    private static final String SUPERADMIN = "superadmin";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aSuperadminLogsInThroughSwaggerUiAndCreatesAndPublishesAMetric() throws Exception {
        String key = "swagger_ui_" + System.nanoTime();
        String definition = """
                {"key": "%s", "name": "Removals on Telegram (%s)",
                 "description": "Submissions on Telegram whose effective takedown falls in the window.",
                 "type": "simple", "unit": "count",
                 "measure": {"aggregation": "count", "time": "effective_takedown_at",
                             "filters": [{"column": "platform", "op": "eq", "value": "telegram"}]},
                 "grains": ["day", "week"], "dimensions": ["community"]}""".formatted(key, key);

        try (var ui = SwaggerUi.open("http://127.0.0.1:" + port + "/q/swagger-ui/")) {
            ui.authorize(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));

            assertThat(ui.call("POST", "/api/v1/metrics", java.util.Map.of(), definition)).isEqualTo(201);
            assertThat(ui.responseBody()).contains("\"status\": \"draft\"");
            assertThat(ui.call("POST", "/api/v1/metrics/{key}/versions/{version}/publish",
                    java.util.Map.of("key", key, "version", "1"), null)).isEqualTo(200);
            assertThat(ui.responseBody()).contains("\"status\": \"published\"");
            ui.screenshot(SHOTS.resolve("catalog-swagger.png"));
        }

        // The catalog recorded the person who logged in, not a service account.
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        given().auth().oauth2(token).get("/api/v1/metrics/" + key + "/changes").then().statusCode(200)
                .body("action", equalTo(java.util.List.of("created", "published")))
                .body("actorUsername", equalTo(java.util.List.of(SUPERADMIN, SUPERADMIN)));
    }
}
