package org.moderation.bi.dashboard.metrics.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Ports;
import org.moderation.bi.testsupport.ProcessReadiness;
import org.moderation.bi.testsupport.ScratchDatabase;
import org.moderation.bi.testsupport.Tokens;

/**
 * bi-service's tests talk to {@link CatalogStub}, not to the catalog; this checks the stub against the real thing, as
 * a consumer-driven contract: the packaged metrics-catalog-service is started on a scratch database, made to hold
 * what the stub serves through its own API (create, new version, edit the draft, publish, deprecate), and then every
 * answer the stub gives is compared with the catalog's for the same request, but for who did what when: a
 * superadmin's, who sees every version, and a community manager's, who sees published ones only (404 for the rest).
 */
class CatalogStubContractIT {

    private static final Path JAR = Path.of(System.getProperty("catalog.jar",
            "../metrics-catalog-service/target/quarkus-app/quarkus-run.jar"));
    /** What the stub cannot know: who did what, when, and the draft's revision counter. */
    /** Who and when, and what the read model says of a metric (neverCounted): the contract is the rest. */
    private static final Set<String> WHO_AND_WHEN = Set.of("createdBy", "createdAt", "updatedBy", "updatedAt",
            "publishedBy", "publishedAt", "deprecatedBy", "deprecatedAt", "revision", "neverCounted");
    /** Over every community: the catalog checks a rule's slugs against the read model, which has none here. */
    private static final AlertRuleDefinition RULE = new AlertRuleDefinition("contract_busy", "Busy day",
            "More than 10 submissions in the last 24 hours", new AlertRuleDefinition.AlertMetric("submissions", null),
            new AlertWindow(AlertWindow.ROLLING, 24, "hours", null), List.of(),
            new AlertCondition(AlertCondition.ABOVE, 10.0, null, null), null, "PT5M", "warning");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final OidcServer provider = new OidcServer();
    private static final CatalogStub stub = new CatalogStub();
    private static String database;
    private static Process catalog;
    private static String catalogUrl;
    private static String stubUrl;

    @BeforeAll
    static void startTheCatalogAndTheStub() throws Exception {
        assertThat(JAR).as("the packaged metrics catalog (mvn package -pl metrics-catalog-service)").isRegularFile();
        Map<String, String> oidc = provider.start();
        stubUrl = stub.start().get("quarkus.rest-client.metrics-catalog.url");
        database = ScratchDatabase.create("contract_catalog");
        int port = Ports.free();
        catalogUrl = "http://127.0.0.1:" + port;
        Path log = Files.createTempFile("catalog-contract", ".log");
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_DATASOURCE_JDBC_URL", database, "QUARKUS_DATASOURCE_USERNAME", ScratchDatabase.USER,
                // Asked only for definitions that name communities, which the stub serves none of.
                "QUARKUS_DATASOURCE_READMODEL_JDBC_URL", database, "QUARKUS_DATASOURCE_READMODEL_USERNAME",
                ScratchDatabase.USER,
                "QUARKUS_OIDC_AUTH_SERVER_URL", oidc.get("quarkus.oidc.auth-server-url"),
                "QUARKUS_OIDC_TOKEN_ISSUER", OidcServer.ISSUER, "QUARKUS_OIDC_CLIENT_ID", "moderation-services"));
        catalog = builder.start();
        // As long as it takes a busy machine, while the catalog is alive; at once with its log if it died.
        ProcessReadiness.awaitReady("the catalog is ready", catalog, log,
                () -> send("GET", catalogUrl + "/q/health/ready", null).statusCode() == 200);
        holdWhatTheStubServes();
        CatalogStub.serveAlertRules(RULE);
        expect(send("POST", catalogUrl + "/api/v1/alert-rules", JSON.writeValueAsString(RULE)), 201,
                "create " + RULE.key());
        expect(send("POST", catalogUrl + "/api/v1/alert-rules/" + RULE.key() + "/versions/1/publish", null), 200,
                "publish " + RULE.key());
    }

    @AfterAll
    static void stop() {
        if (catalog != null) {
            catalog.destroy();
        }
        stub.stop();
        provider.stop();
        if (database != null) {
            ScratchDatabase.drop(database);
        }
    }

    @Test
    void everyAnswerOfTheStubIsTheCatalogsAnswerToTheSameRequestOfASuperadmin() throws Exception {
        assertThat(answersCompared(Tokens.superadmin())).as("statuses").containsOnly(200);
    }

    /** The alert rules as the evaluator reads them, a page at a time, with its superadmin credential. */
    @Test
    void theStubsAlertRulesAreTheCatalogsAnswersToTheEvaluator() throws Exception {
        assertThat(answersCompared(Tokens.superadmin(), List.of("/api/v1/alert-rules?limit=" + CatalogStub.RULES_PAGE,
                "/api/v1/alert-rules/" + RULE.key() + "/versions/1"))).as("statuses").containsOnly(200);
    }

    @Test
    void everyAnswerOfTheStubIsTheCatalogsAnswerToTheSameRequestOfACommunityManager() throws Exception {
        assertThat(answersCompared(Tokens.communityManager("north"))).as("statuses").contains(200, 404);
    }

    /** Compares the stub's answer with the catalog's for every path the stub serves; returns the statuses met. */
    private static Set<Integer> answersCompared(String token) throws Exception {
        // The overview dashboard, which the stub serves as every catalog seeds it.
        var paths = new ArrayList<String>(List.of("/api/v1/metrics", "/api/v1/dashboards/overview",
                "/api/v1/dashboards/overview/versions/1"));
        CatalogStub.metrics().forEach((key, versions) -> {
            paths.add("/api/v1/metrics/" + key);
            versions.forEach(v -> paths.add("/api/v1/metrics/" + key + "/versions/" + v.version()));
        });
        return answersCompared(token, paths);
    }

    private static Set<Integer> answersCompared(String token, List<String> paths) throws Exception {
        var statuses = new TreeSet<Integer>();
        for (String path : paths) {
            HttpResponse<String> real = get(catalogUrl + path, token);
            HttpResponse<String> stubbed = get(stubUrl + path, token);
            assertThat(stubbed.statusCode()).as("status of %s", path).isEqualTo(real.statusCode());
            assertThat(comparable(stubbed.body())).as("the stub's answer to GET %s", path)
                    .isEqualTo(comparable(real.body()));
            statuses.add(real.statusCode());
        }
        return statuses;
    }

    /** Each metric the stub serves, made in the catalog version by version, as an admin would. */
    private static void holdWhatTheStubServes() throws Exception {
        for (var metric : CatalogStub.metrics().entrySet()) {
            String key = metric.getKey();
            for (MetricVersionView version : metric.getValue()) {
                String base = catalogUrl + "/api/v1/metrics/" + key;
                if (send("GET", base + "/versions/" + version.version(), null).statusCode() == 200) {
                    continue; // a built-in version: the catalog published it at its start
                }
                if (version.version() == 1) {
                    expect(send("POST", catalogUrl + "/api/v1/metrics", JSON.writeValueAsString(version.definition())),
                            201, "create " + key);
                } else {
                    JsonNode draft = JSON.readTree(expect(send("POST", base + "/versions", null), 201,
                            "new version of " + key).body());
                    expect(send("PUT", base + "/versions/" + version.version(),
                            JSON.writeValueAsString(version.definition()), "If-Match",
                            "\"" + draft.get("revision").asLong() + "\""), 200, "edit the draft of " + key);
                }
                if (!MetricVersionView.DRAFT.equals(version.status())) {
                    expect(send("POST", base + "/versions/" + version.version() + "/publish", null), 200,
                            "publish " + key);
                }
                if (MetricVersionView.DEPRECATED.equals(version.status())) {
                    expect(send("POST", base + "/versions/" + version.version() + "/deprecate", null), 200,
                            "deprecate " + key);
                }
            }
        }
    }

    /** The answer with who-and-when left out and lists of metrics in key order. */
    private static JsonNode comparable(String body) throws Exception {
        JsonNode node = JSON.readTree(body);
        if (node instanceof ArrayNode list) {
            var byKey = new TreeMap<String, JsonNode>();
            list.forEach(item -> byKey.put(item.get("key").asText(), withoutWhoAndWhen(item)));
            return JSON.valueToTree(byKey);
        }
        return withoutWhoAndWhen(node);
    }

    private static JsonNode withoutWhoAndWhen(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove(WHO_AND_WHEN);
        return copy;
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
        return response;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request of a superadmin's, with a JSON body if any and further headers as name, value, … */
    private static HttpResponse<String> send(String method, String url, String body, String... headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + Tokens.superadmin())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
