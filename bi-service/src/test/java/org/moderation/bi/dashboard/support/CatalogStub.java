package org.moderation.bi.dashboard.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleSummaryView;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.catalog.SeededVersion;
import org.moderation.bi.shared.dashboards.BuiltInDashboards;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Vocabulary.ArithmeticOp;
import org.moderation.bi.shared.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.moderation.bi.testsupport.Tokens;

/**
 * The metrics catalog as bi-service sees it over HTTP, serving the catalog's own contract (shared-model records):
 * the built-in metrics published as v1, a metric with a draft and a deprecated version, and a derived metric.
 * Answers only requests that carry a bearer token, as the real catalog does, and as it does per role: a superadmin
 * sees every version, anyone else only published ones (the rest is a 404 to them). The token's roles are read from
 * its payload; checking its signature is the catalog's business, not the stub's. {@link #down()} makes it fail.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    /** v1 published, v2 deprecated, v3 draft; each version counts something different so answers tell them apart. */
    public static final String VERSIONED = "versioned_submissions";
    public static final String DERIVED = "removals_per_submission";
    /** Served, but asked for only by the test that takes the catalog down: never cached before that. */
    public static final String NEVER_SEEN = "never_seen";
    /** How many alert rules bi-service asks for a page (bi.alerts.catalog-page-size), and the stub serves. */
    public static final int RULES_PAGE = 2;
    /** Likewise, for CatalogOutageTest alone: the tests share one application, and so what it holds. */
    public static final String NEVER_SEEN_BY_OTHERS = "never_seen_by_others";
    /** Its only version was published, then deprecated. */
    public static final String RETIRED = "retired_removals";
    /** v1 counts every removal, v2 only those from the report flow: one name, two published definitions. */
    public static final String TWO_PUBLISHED = "removals_reported";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        up();
        // The alert evaluator's service credential: a superadmin's token (the stub reads roles, not expiry).
        return Map.of("quarkus.rest-client.metrics-catalog.url", server.baseUrl(), "bi.alerts.catalog-token",
                Tokens.superadmin(), "bi.alerts.catalog-page-size", Integer.toString(RULES_PAGE));
    }

    @Override
    public void stop() {
        server.stop();
    }

    public static WireMockServer server() {
        return server;
    }

    /** Every request fails at the connection, as when the catalog is down. */
    public static void down() {
        server.resetAll();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    public static void up() {
        server.resetAll();
        serveList(Set.of());
        BuiltInDashboards.SEEDED.forEach(builtIn -> publishDashboard(builtIn.definition(), builtIn.version()));
        serveAlertRules();
    }

    /**
     * Serves exactly these alert rules, each published as v1 (a rule given twice: its second definition as v2, the
     * latest published), until the next call or {@link #up()}.
     */
    public static void serveAlertRules(AlertRuleDefinition... rules) {
        serveAlertRulesCreatedBy("admin", rules);
    }

    /** The same, every version created by the person with this subject. */
    public static void serveAlertRulesCreatedBy(String subject, AlertRuleDefinition... rules) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        var versions = new LinkedHashMap<String, List<AlertRuleVersionView>>();
        for (AlertRuleDefinition rule : rules) {
            var list = versions.computeIfAbsent(rule.key(), k -> new ArrayList<>());
            list.add(new AlertRuleVersionView(rule.key(), list.size() + 1, MetricVersionView.PUBLISHED, rule,
                    DefinitionHash.of(rule), 0, subject, at, subject, at, subject,
                    at, null, null, List.of()));
        }
        var summaries = new ArrayList<AlertRuleSummaryView>();
        for (var rule : versions.entrySet()) {
            var statuses = rule.getValue().stream()
                    .map(v -> new AlertRuleSummaryView.VersionStatus(v.version(), v.status())).toList();
            summaries.add(new AlertRuleSummaryView(rule.getKey(), rule.getValue().getLast().definition().name(),
                    rule.getValue().size(), statuses));
            for (boolean superadmin : new boolean[] {true, false}) {
                for (AlertRuleVersionView v : rule.getValue()) {
                    stub("/api/v1/alert-rules/" + rule.getKey() + "/versions/" + v.version(), superadmin, 200, v);
                }
            }
        }
        // In pages, as the catalog lists them, so that every test that serves rules reads them a page at a time.
        for (int from = 0; from == 0 || from < summaries.size(); from += RULES_PAGE) {
            var page = summaries.subList(from, Math.min(from + RULES_PAGE, summaries.size()));
            String query = "?limit=" + RULES_PAGE + (from == 0 ? "" : "&after=" + summaries.get(from - 1).key());
            Map<String, String> headers = from + RULES_PAGE < summaries.size() ? Map.of("Link",
                    "</api/v1/alert-rules?limit=" + RULES_PAGE + "&after=" + page.getLast().key() + ">; rel=\"next\"")
                    : Map.of();
            for (boolean superadmin : new boolean[] {true, false}) {
                stub("/api/v1/alert-rules" + query, superadmin, 200, page, headers);
            }
        }
    }

    /**
     * Accepts the creation of {@code rule} as version 1 and its publication, as the catalog answers them, until the next
     * {@link #up()}; {@code status} other than 201: refuses the creation with that status and {@code error}.
     */
    public static void answerAlertRuleCreation(AlertRuleDefinition rule, int status, String error) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        var version = new AlertRuleVersionView(rule.key(), 1, MetricVersionView.PUBLISHED, rule, DefinitionHash.of(rule),
                0, "manager", at, "manager", at, "manager", at, null, null, List.of());
        try {
            server.stubFor(post(urlEqualTo("/api/v1/alert-rules")).withHeader("Authorization", matching("Bearer .+"))
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBody(JSON.writeValueAsString(status == 201 ? version
                                    : ApiError.of(error, "refused by the catalog: " + error)))));
            server.stubFor(post(urlEqualTo("/api/v1/alert-rules/" + rule.key() + "/versions/1/publish"))
                    .withHeader("Authorization", matching("Bearer .+"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(JSON.writeValueAsString(version))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The list of metrics flags {@code keys} as never having counted anything, until the next {@link #up()}. */
    public static void neverCounted(String... keys) {
        serveList(Set.of(keys));
    }

    private static void serveList(Set<String> neverCounted) {
        for (boolean superadmin : new boolean[] {true, false}) {
            var summaries = new ArrayList<MetricSummaryView>();
            for (var metric : METRICS.entrySet()) {
                serve(metric.getKey(), metric.getValue(), superadmin)
                        .map(s -> neverCounted.contains(s.key()) ? s.withNeverCounted(true) : s)
                        .ifPresent(summaries::add);
            }
            stub("/api/v1/metrics", superadmin, 200, summaries);
        }
    }

    /** Serves a dashboard definition, published as v1, to everyone until the next {@link #up()}. */
    public static void publishDashboard(DashboardDefinition definition) {
        publishDashboard(definition, 1);
    }

    /** Serves a dashboard's published version {@code number}, the latest, every earlier one published too. */
    public static void publishDashboard(DashboardDefinition definition, int number) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        var version = new DashboardVersionView(definition.key(), number, MetricVersionView.PUBLISHED, definition,
                DefinitionHash.of(definition), 0, "admin", at, "admin", at, "admin", at, null, null, List.of());
        var summary = new DashboardSummaryView(definition.key(), definition.name(), number,
                java.util.stream.IntStream.rangeClosed(1, number).mapToObj(n -> new DashboardSummaryView.VersionStatus(
                        n, MetricVersionView.PUBLISHED)).toList());
        for (boolean superadmin : new boolean[] {true, false}) {
            stub("/api/v1/dashboards/" + definition.key(), superadmin, 200, summary);
            stub("/api/v1/dashboards/" + definition.key() + "/versions/" + number, superadmin, 200, version);
        }
    }

    /**
     * Serves one more metric, published as v1, to everyone until the next {@link #up()}; the list of metrics leaves it
     * out, so no other test meets it.
     */
    public static void publish(MetricDefinition definition) {
        for (boolean superadmin : new boolean[] {true, false}) {
            serve(definition.key(), List.of(version(definition, 1, MetricVersionView.PUBLISHED)), superadmin);
        }
    }

    /**
     * What the stub serves: each metric's versions in order, as the real catalog can come to hold them (a draft only
     * as the latest version, a deprecated one only after it was published); {@code CatalogStubContractTest} makes the
     * real catalog hold the same and compares the two.
     */
    public static Map<String, List<MetricVersionView>> metrics() {
        return METRICS;
    }

    private static final Map<String, List<MetricVersionView>> METRICS = metricsServed();

    private static Map<String, List<MetricVersionView>> metricsServed() {
        var metrics = new LinkedHashMap<String, List<MetricVersionView>>();
        for (SeededVersion<MetricDefinition> builtIn : BuiltInMetrics.SEEDED) {
            var versions = new java.util.ArrayList<>(metrics.getOrDefault(builtIn.definition().key(), List.of()));
            versions.add(version(builtIn.definition(), builtIn.version(), MetricVersionView.PUBLISHED));
            metrics.put(builtIn.definition().key(), List.copyOf(versions));
        }
        for (String unseen : List.of(NEVER_SEEN, NEVER_SEEN_BY_OTHERS)) {
            metrics.put(unseen, List.of(version(rename(BuiltInMetrics.SUBMISSIONS, unseen), 1,
                    MetricVersionView.PUBLISHED)));
        }
        var submissions = rename(BuiltInMetrics.SUBMISSIONS, VERSIONED);
        metrics.put(VERSIONED, List.of(
                version(submissions, 1, MetricVersionView.PUBLISHED),
                version(withCount(submissions, "report_count"), 2, MetricVersionView.DEPRECATED),
                version(withTime(submissions, "effective_takedown_at"), 3, MetricVersionView.DRAFT)));
        var derived = new MetricDefinition(DERIVED, "Removals per submission", "removals / submissions", "derived",
                "ratio", null, null, null,
                Expression.of(ArithmeticOp.DIVIDE, Expression.metric("removals"), Expression.metric("submissions")),
                List.of("day", "month"), List.of("community", "platform"), List.of());
        metrics.put(DERIVED, List.of(version(derived, 1, MetricVersionView.PUBLISHED)));
        metrics.put(RETIRED, List.of(version(rename(BuiltInMetrics.REMOVALS, RETIRED), 1,
                MetricVersionView.DEPRECATED)));
        var reported = rename(BuiltInMetrics.REMOVALS, TWO_PUBLISHED);
        metrics.put(TWO_PUBLISHED, List.of(version(reported, 1, MetricVersionView.PUBLISHED),
                version(new MetricDefinition(TWO_PUBLISHED, reported.name(), "Removals from the report flow only.",
                        "simple", "count", new Measure("count", null, "effective_takedown_at",
                        List.of(new Filter("takedown_source", "eq", "report_flow", null))), null, null, null,
                        reported.grains(), reported.dimensions(), List.of()), 2, MetricVersionView.PUBLISHED)));
        return Collections.unmodifiableMap(metrics);
    }

    /** A metric's answers for one side (superadmin or not); its summary, unless that side sees no version of it. */
    private static Optional<MetricSummaryView> serve(String key, List<MetricVersionView> versions, boolean superadmin) {
        var statuses = new ArrayList<MetricSummaryView.VersionStatus>();
        Integer latestPublished = null;
        MetricVersionView last = null;
        // To anyone else a metric without a published version does not exist, in the words of a missing one.
        boolean seen = superadmin || versions.stream().anyMatch(v -> MetricVersionView.PUBLISHED.equals(v.status()));
        for (MetricVersionView v : versions) {
            String path = "/api/v1/metrics/" + key + "/versions/" + v.version();
            if (!superadmin && !MetricVersionView.PUBLISHED.equals(v.status())) {
                stub(path, false, 404, ApiError.of("not_found",
                        seen ? "no version " + v.version() + " of metric " + key : "no metric " + key));
                continue;
            }
            statuses.add(new MetricSummaryView.VersionStatus(v.version(), v.status()));
            if (MetricVersionView.PUBLISHED.equals(v.status())) {
                latestPublished = v.version();
            }
            last = v;
            stub(path, superadmin, 200, v);
        }
        if (last == null) {
            stub("/api/v1/metrics/" + key, superadmin, 404, ApiError.of("not_found", "no metric " + key));
            return Optional.empty();
        }
        var summary = new MetricSummaryView(key, last.definition().name(), latestPublished, statuses);
        stub("/api/v1/metrics/" + key, superadmin, 200, summary);
        return Optional.of(summary);
    }

    private static void stub(String path, boolean superadmin, int status, Object body) {
        stub(path, superadmin, status, body, Map.of());
    }

    private static void stub(String path, boolean superadmin, int status, Object body, Map<String, String> headers) {
        try {
            var answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
            headers.forEach(answer::withHeader);
            server.stubFor(get(urlEqualTo(path)).withHeader("Authorization", matching("Bearer .+"))
                    .andMatching(request -> MatchResult.of(superadmin == isSuperadmin(request)))
                    .willReturn(answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the bearer token's payload names the superadmin role in realm_access.roles. */
    private static boolean isSuperadmin(Request request) {
        String[] parts = request.getHeader("Authorization").substring("Bearer ".length()).split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            for (JsonNode role : claims.path("realm_access").path("roles")) {
                if (Roles.SUPERADMIN.equals(role.asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException | IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static MetricVersionView version(MetricDefinition definition, int number, String status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new MetricVersionView(definition.key(), number, status, definition, DefinitionHash.of(definition), 0,
                "admin", at, "admin", at, null, null, null, null, List.of());
    }

    /** Another metric of the same definition, under a name of its own (the catalog lets no two share a name). */
    private static MetricDefinition rename(MetricDefinition d, String key) {
        return new MetricDefinition(key, d.name() + " (" + key + ")", d.description(), d.type(), d.unit(), d.measure(),
                d.numerator(), d.denominator(), d.expression(), d.grains(), d.dimensions(), d.breakdown(), d.horizon());
    }

    private static MetricDefinition withTime(MetricDefinition d, String time) {
        return new MetricDefinition(d.key(), d.name(), d.description(), d.type(), d.unit(),
                new Measure("count", null, time, List.of()), null, null, null, d.grains(), d.dimensions(), d.breakdown());
    }

    private static MetricDefinition withCount(MetricDefinition d, String column) {
        return new MetricDefinition(d.key(), d.name(), d.description(), d.type(), d.unit(),
                new Measure("sum", column, "submitted_at", List.of()), null, null, null, d.grains(), d.dimensions(),
                d.breakdown());
    }
}
