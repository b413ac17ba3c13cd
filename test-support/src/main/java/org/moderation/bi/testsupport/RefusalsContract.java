package org.moderation.bi.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * What a client or an attacker meets first, the same for every service: every refusal, the framework's own included,
 * in the shared error shape ({@code error}, {@code message}, {@code details}) with a message that says what to do,
 * and {@code WWW-Authenticate} on a 401; and tokens verified against the provider's keys without calling the provider.
 * A service's test extends this, runs with {@link OidcServer}, and names a few of its endpoints.
 */
public abstract class RefusalsContract {

    /** A GET every dashboard or admin role may call: the one a role-less token is refused. */
    protected abstract String protectedGet();

    /** A POST that takes a JSON body, for the body-size and media-type refusals. */
    protected abstract String jsonPost();

    /** A token whose role may call {@link #protectedGet()} and {@link #jsonPost()}. */
    protected abstract String allowedToken();

    /** A string property of {@link #jsonPost()}'s body: what a string may hold is checked as the body is read. */
    protected abstract String stringProperty();

    /**
     * Parameters whose values form a closed set wherever they appear: the OpenAPI document must list them, so that
     * Swagger UI offers a choice instead of a text box.
     */
    private static final Set<String> CLOSED_PARAMETERS = Set.of("measure", "granularity", "format", "compare",
            "groupBy", "takedownSource", "takenDown", "noCommunity", "part", "platform", "platformDetail",
            "reportChannel", "takedownChannel");

    /** Every parameter of every operation has a described, typed schema; closed ones list their values. */
    @Test
    void everyParameterInTheOpenApiDocumentIsTyped() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString()).path("paths");
        var problems = new ArrayList<String>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                String where = operation.getKey().toUpperCase() + " " + path.getKey() + " " + parameter.path("name").asText();
                JsonNode schema = parameter.path("schema");
                if (!schema.has("type") && !schema.has("$ref")) {
                    problems.add(where + ": no schema type");
                }
                if (parameter.path("description").asText().isBlank()) {
                    problems.add(where + ": no description");
                }
                boolean closed = CLOSED_PARAMETERS.contains(parameter.path("name").asText());
                if (closed && !schema.has("enum") && !"boolean".equals(schema.path("type").asText())) {
                    problems.add(where + ": its values are a closed set, but the schema lists none");
                }
            }
        }));
        assertThat(problems).as("parameters of /q/openapi").isEmpty();
    }

    @Test
    void noTokenIsA401ThatSaysToSendOne() {
        refusal(given(), protectedGet(), 401, "missing_token").header("WWW-Authenticate", equalTo("Bearer"))
                .body("message", containsString("Authorization: Bearer"));
    }

    @Test
    void anExpiredTokenIsToldApartFromOneThatCannotBeVerified() {
        refusal(bearer(Tokens.expired()), protectedGet(), 401, "token_expired")
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""))
                .body("message", containsString("expired"));
        for (String token : List.of(Tokens.badSignature(), Tokens.unknownKey(), Tokens.wrongIssuer(),
                Tokens.unsigned(), "not-a-token")) {
            refusal(bearer(token), protectedGet(), 401, "invalid_token")
                    .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""));
        }
    }

    @Test
    void aBadTokenIsRefusedInTheSameShapeOnPathsThatNeedNone() {
        refusal(bearer(Tokens.badSignature()), "/q/health/live", 401, "invalid_token");
    }

    @Test
    void aValidTokenWithoutARoleIsA403ThatSaysWhy() {
        refusal(bearer(Tokens.withoutRole()), protectedGet(), 403, "forbidden")
                .body("message", containsString("role"));
    }

    @Test
    void anUnknownRouteIsA404ThatPointsAtTheApiDescription() {
        refusal(bearer(allowedToken()), "/api/v1/no-such-thing", 404, "not_found")
                .body("message", containsString("GET /api/v1/no-such-thing"))
                .body("message", containsString("/q/openapi"));
    }

    /** The routes are public knowledge (/q/openapi lists them): without a token an unknown one is a 404 too. */
    @Test
    void anUnknownRouteIsA404WithoutATokenToo() {
        refusal(given(), "/api/v1/no-such-thing", 404, "not_found");
    }

    @Test
    void anAnswerTypeTheRouteCannotGiveIsA406ThatSaysWhichItGives() {
        bearer(allowedToken()).accept("application/xml").when().get(protectedGet()).then().statusCode(406)
                .contentType(containsString("application/json")).body("error", equalTo("not_acceptable"))
                .body("message", containsString("application/xml"));
    }

    @Test
    void aMethodTheRouteDoesNotTakeIsA405ThatNamesTheOnesItTakes() {
        ValidatableResponse response = bearer(allowedToken()).when().delete(protectedGet()).then().statusCode(405)
                .contentType(containsString("application/json")).body("error", equalTo("method_not_allowed"))
                .body("message", containsString("DELETE"));
        String allowed = response.extract().header("Allow");
        assertThat(allowed).as("the Allow header").contains("GET");
        response.body("details", hasItem("GET"));
    }

    @Test
    void aBodyOfAnotherMediaTypeIsA415() {
        bearer(allowedToken()).contentType("text/plain").body("{}").when().post(jsonPost()).then().statusCode(415)
                .contentType(containsString("application/json")).body("error", equalTo("unsupported_media_type"))
                .body("message", containsString("application/json"));
    }

    /** Quarkus REST reads a body without a Content-Type as the endpoint's JSON. */
    @Test
    void aBodyWithoutAContentTypeIsA415() throws Exception {
        HttpResponse<String> response = postUntyped(null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.body()).contains("\"error\":\"unsupported_media_type\"")
                .contains("the request had no Content-Type");
    }

    /** As for a Content-Type of another media type (Quarkus REST's own refusal). */
    @Test
    void aContentTypeThatIsNoMediaTypeIsA415() throws Exception {
        HttpResponse<String> response = postUntyped("json, please");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.body()).contains("\"error\":\"unsupported_media_type\"")
                .contains("the request's Content-Type was json, please");
    }

    @Test
    void malformedJsonIsA400ThatSaysWhereItBroke() {
        invalidJson("{\"" + stringProperty() + "\": \"a\",\n \"b\" 1}")
                .body("message", containsString("malformed JSON at $.b, line 2, column"));
        invalidJson("{\"" + stringProperty() + "\": \"a\"} {}")
                .body("message", containsString("more JSON after the value"));
    }

    /** Named among the body's problems: a service may name every mistake of a body in one answer (the catalog does). */
    @Test
    void anUnknownPropertyIsA400NamingIt() {
        invalidJson("{\"" + stringProperty() + "\": \"a\", \"zzUnknown\": 1}")
                .body("message", containsString("unknown property 'zzUnknown' at $.zzUnknown; the object there takes "))
                .body("message", containsString(stringProperty()))
                .body("details", hasItem(startsWith("$.zzUnknown: ")));
    }

    /** Which of the two was meant is anybody's guess; Jackson would silently keep the last. */
    @Test
    void aKeyGivenTwiceIsA400NamingIt() {
        String key = stringProperty();
        invalidJson("{\"" + key + "\": \"a\", \"" + key + "\": \"b\"}")
                .body("message", containsString("the key '" + key + "' appears twice in one object (at $." + key
                        + ", line 1, column"));
    }

    @Test
    void aJsonArrayForAnObjectIsA400InTheShape() {
        invalidJson("[{\"" + stringProperty() + "\": \"a\"}]")
                .body("message", containsString("a wrong type at $: expected an object"));
    }

    /** PostgreSQL refuses NUL in text (a 500 otherwise); a lone surrogate is not Unicode (stored as '?' otherwise). */
    @Test
    void aNulOrALoneSurrogateInAStringIsA400NamingItsPath() {
        String path = "$." + stringProperty();
        for (String text : List.of("a\\u0000b", "\\ud800", "a\\udfffb", "\\ud800\\ud800")) {
            invalidJson("{\"" + stringProperty() + "\": \"" + text + "\"}")
                    .body("message", containsString("the string at " + path + " holds a "))
                    .body("details", hasItem(startsWith(path + ": ")));
        }
    }

    /** "7" for a number or 7 for a string is a client with its types wrong: refused, not converted. */
    @Test
    void aNumberWhereAStringIsTakenIsA400NamingItsPath() {
        String path = "$." + stringProperty();
        for (String value : List.of("7", "1.5", "true")) {
            invalidJson("{\"" + stringProperty() + "\": " + value + "}")
                    .body("message", containsString("a wrong type at " + path + ": expected a string"))
                    .body("details", hasItem(startsWith(path + ": ")));
        }
    }

    /**
     * A NUL (PostgreSQL's text cannot hold one) or an escape that decodes to nothing, in the path or the query, is a
     * 400 in the shape naming where it is, on every route, with or without a token: never a 500, a 503 that looks
     * like an outage, or an empty 400. Sent over a socket: HTTP clients refuse to send such targets.
     */
    @Test
    void aNulOrABrokenEscapeInThePathOrQueryIsA400NamingWhere() throws Exception {
        String route = protectedGet().split("\\?")[0];
        for (String token : Arrays.asList(allowedToken(), null)) {
            assertUnreadable(token, route + "/a%00b", "path", "NUL");
            assertUnreadable(token, route + "/a%0Ab", "path", "control character");
            assertUnreadable(token, route + "/%ZZ", "path", "'%ZZ'");
            assertUnreadable(token, route + "?state=%ZZ", "state", "'state'");
            assertUnreadable(token, route + "?state=ab%2", "state", "'%2'");
            assertUnreadable(token, route + "?q=a%00b", "q", "NUL");
            assertUnreadable(token, route + "?q=%FF", "q", "not UTF-8");
            assertUnreadable(token, route + "?a%ZZ=1", "query", "'%ZZ'");
        }
    }

    private static void assertUnreadable(String token, String target, String where, String said) throws IOException {
        try (Socket socket = new Socket("127.0.0.1",
                ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ").contains("{");
            String head = answer.substring(0, Math.max(answer.indexOf("\r\n\r\n"), 0)).toLowerCase();
            assertThat(head).as(target).contains("content-type: application/json");
            JsonNode body = new ObjectMapper().readTree(answer.substring(answer.indexOf('{')));
            assertThat(body.path("error").asText()).as(target).isEqualTo("invalid_parameter");
            assertThat(body.path("message").asText()).as(target).contains(said);
            assertThat(body.path("details").toString()).as(target).isEqualTo("[\"" + where + "\"]");
        }
    }

    @Test
    void aBodyAboveTheLimitIsA413() {
        byte[] body = new byte[(int) bodyLimit() + 1];
        Arrays.fill(body, (byte) ' ');
        bearer(allowedToken()).contentType("application/json").body(body).when().post(jsonPost()).then()
                .statusCode(413).contentType(containsString("application/json"))
                .body("error", equalTo("body_too_large")).body("message", containsString("KiB"));
    }

    /** A body sent in chunks, its length unannounced, meets the same limit as it is read, and the same answer. */
    @Test
    void aChunkedBodyAboveTheLimitIsRefusedToo() throws Exception {
        HttpResponse<String> response = postInChunks(bodyLimit() + 1);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"body_too_large\"");
    }

    /** A client that asks to upgrade to HTTP/2 (h2c) with its first request, a POST with a body, is answered too. */
    @Test
    void aBodyOnARequestThatUpgradesToHttp2ReachesTheResource() throws Exception {
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + jsonPost()))
                        .header("Authorization", "Bearer " + allowedToken()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isNotIn(408, 413, 500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).contains("application/json"));
    }

    @Test
    void aRequestTargetAboveTheLimitIsA414() {
        String padding = "x".repeat((int) limit("moderation.http.max-uri-length"));
        refusal(bearer(allowedToken()), protectedGet() + (protectedGet().contains("?") ? "&" : "?") + "padding=" + padding, 414, "uri_too_long")
                .body("message", containsString("KiB"));
    }

    @Test
    void headersAboveTheLimitAreA431() {
        String padding = "x".repeat((int) limit("moderation.http.max-header-size"));
        refusal(bearer(allowedToken()).header("X-Padding", padding), protectedGet(), 431, "headers_too_large");
    }

    /** Shapes the token parser itself fails on must not become a 500 with a stack trace in the log. */
    @Test
    void aBearerCredentialThatIsNoJwtIsA401() {
        for (String token : List.of("....", ".", "..", "a.b", "%%%.%%%.%%%", "a.b.c.d")) {
            refusal(bearer(token), protectedGet(), 401, "invalid_token");
            refusal(bearer(token), "/q/health/live", 401, "invalid_token");
        }
    }

    /**
     * More clients than the service has worker threads announce a body, send one byte of it and stall, each with a
     * valid token. Bodies are read off the worker threads, so the service keeps answering everyone else (its health
     * checks, a real request) before the slow ones meet their deadline; then each gets a JSON 408 and is closed.
     */
    @Test
    void stalledBodiesHoldNoWorkerAndAreCutWithA408() throws Exception {
        Duration deadline = ConfigProvider.getConfig().getValue("moderation.http.body-timeout", Duration.class);
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        int workers = ConfigProvider.getConfig().getOptionalValue("quarkus.thread-pool.max-threads", Integer.class)
                .orElse(Math.max(8 * Runtime.getRuntime().availableProcessors(), 200));
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < workers + 20; i++) {
                stalled.add(stalledPost(Integer.parseInt(port)));
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String path : List.of("/q/health/ready", protectedGet())) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path)).header("Authorization", "Bearer " + allowedToken()).timeout(deadline).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s while %d bodies stall: %s", path, stalled.size(),
                        answer.body()).isEqualTo(200);
            }
            for (Socket socket : stalled) {
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as("what a stalled body is answered").startsWith("HTTP/1.1 408")
                        .contains("application/json").contains("\"error\":\"request_timeout\"");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** A POST that announces 1,000 bytes of body and sends only the first. */
    private Socket stalledPost(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofMinutes(2).toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + jsonPost() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + allowedToken()
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** A chunked body under the limit reaches the resource, which answers it. */
    @Test
    void aChunkedBodyUnderTheLimitReachesTheResource() throws Exception {
        HttpResponse<String> response = postInChunks(2);

        assertThat(response.statusCode()).as(response.body()).isNotIn(413, 500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).contains("application/json"));
    }

    private static long bodyLimit() {
        return limit("quarkus.http.limits.max-body-size");
    }

    private static long limit(String property) {
        return ConfigProvider.getConfig().getValue(property, MemorySize.class).asLongValue();
    }

    /** A POST of {@code size} bytes (a JSON object padded with spaces) in HTTP/1.1 chunks: no announced length. */
    private HttpResponse<String> postInChunks(long size) throws Exception {
        byte[] body = new byte[(int) size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + jsonPost()))
                        .header("Authorization", "Bearer " + allowedToken()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Anyone can send garbage: it must cost the identity provider nothing. A burst of forged tokens of every kind
     * makes no introspection call and at most one refetch of the provider's keys (for the unknown key ids).
     */
    @Test
    void aBurstOfForgedTokensNeverCallsTheIdentityProviderPerToken() throws Exception {
        String provider = ConfigProvider.getConfig().getValue("keycloak.url", String.class).replaceFirst("/auth$", "");
        admin(provider, "DELETE", "/__admin/requests");
        for (int i = 0; i < 25; i++) {
            for (String token : List.of("garbage-" + i, Tokens.unknownKey(), Tokens.badSignature(),
                    Tokens.expired())) {
                bearer(token).when().get(protectedGet()).then().statusCode(401);
            }
        }
        List<String> requested = new ArrayList<>();
        new ObjectMapper().readTree(admin(provider, "GET", "/__admin/requests")).path("requests")
                .forEach(logged -> requested.add(logged.path("request").path("url").asText()));
        assertThat(requested).as("what the service asked the identity provider")
                .noneMatch(url -> url.contains("introspect"))
                .allMatch(url -> url.endsWith("/certs"))
                .hasSizeLessThanOrEqualTo(1);
    }

    private ValidatableResponse invalidJson(String body) {
        return bearer(allowedToken()).contentType("application/json").body(body).when().post(jsonPost()).then()
                .statusCode(400).contentType(containsString("application/json")).body("error", equalTo("invalid_json"))
                .body("message", startsWith("the request body is not the JSON this endpoint takes: "));
    }

    private HttpResponse<String> postUntyped(String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(jsonPost()))
                .header("Authorization", "Bearer " + allowedToken()).POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class)
                + path);
    }

    private static ValidatableResponse refusal(RequestSpecification request, String path, int status, String error) {
        return request.when().get(path).then().statusCode(status).contentType(containsString("application/json"))
                .body("error", equalTo(error)).body("message", not(emptyOrNullString())).body("details", notNullValue());
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String admin(String provider, String method, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(provider
                + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("WireMock's admin API: %s %s", method, path).isLessThan(300);
        return response.body();
    }
}
