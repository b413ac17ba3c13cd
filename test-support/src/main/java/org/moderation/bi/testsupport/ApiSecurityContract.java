package org.moderation.bi.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * The security a service's OpenAPI document declares, as Swagger UI reads it: one scheme with the flows its callers can
 * use, and on every operation that needs a role. "Needs a role" is what the service answers, not what the document
 * says: every operation is called without a token, and a 401 must come with the declaration, a declaration with a
 * 401. A service's test extends this and runs with {@link OidcServer} and its databases.
 */
public abstract class ApiSecurityContract {

    private static final String SCHEME = "keycloak";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDocumentHasOneSchemeWithTheFlowsOfAPersonAndOfAMachine() throws IOException {
        JsonNode schemes = document().path("components").path("securitySchemes");
        assertThat(names(schemes)).containsExactly(SCHEME);
        JsonNode scheme = schemes.path(SCHEME);
        assertThat(scheme.path("type").asText()).isEqualTo("oauth2");
        assertThat(names(scheme.path("flows"))).containsExactlyInAnyOrder("authorizationCode", "clientCredentials");
        String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        JsonNode person = scheme.path("flows").path("authorizationCode");
        assertThat(person.path("authorizationUrl").asText()).isEqualTo(realm + "/protocol/openid-connect/auth");
        assertThat(person.path("tokenUrl").asText()).isEqualTo(realm + "/protocol/openid-connect/token");
        assertThat(names(person.path("scopes"))).containsExactly("openid");
        JsonNode machine = scheme.path("flows").path("clientCredentials");
        assertThat(machine.path("tokenUrl").asText()).isEqualTo(realm + "/protocol/openid-connect/token");
        assertThat(names(machine.path("scopes"))).isEmpty();
    }

    @Test
    void everyOperationThatNeedsARoleDeclaresTheSchemeAndNoOtherDoes() throws IOException {
        JsonNode document = document();
        var problems = new ArrayList<String>();
        var needingARole = new ArrayList<String>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String method = entry.getKey().toUpperCase();
            String where = method + " " + path.getKey();
            JsonNode security = entry.getValue().has("security") ? entry.getValue().path("security")
                    : document.path("security");
            boolean declared = security.size() == 1 && names(security.get(0)).equals(List.of(SCHEME));
            int status = withoutAToken(method, path.getKey(), entry.getValue());
            if (status == 401) {
                needingARole.add(where);
            }
            if (status == 401 && !declared) {
                problems.add(where + " needs a role (401 without a token) but does not declare " + SCHEME + ": "
                        + security);
            } else if (status != 401 && declared) {
                problems.add(where + " declares " + SCHEME + " but answers " + status + " without a token");
            }
        }));
        assertThat(needingARole).as("operations that need a role").isNotEmpty();
        assertThat(problems).as("security declarations of /q/openapi").isEmpty();
    }

    private static JsonNode document() throws IOException {
        return new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
    }

    /**
     * The operation called as Swagger UI calls it before "Authorize": path parameters filled in, a JSON body where it
     * takes one, else none and no Content-Type; no token.
     */
    private static int withoutAToken(String method, String template, JsonNode operation) {
        String path = template.replaceAll("\\{(version|id)}", "1").replaceAll("\\{[^}]+}", "x");
        var request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30));
        if (operation.has("requestBody")) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(JsonNode object) {
        var names = new ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
