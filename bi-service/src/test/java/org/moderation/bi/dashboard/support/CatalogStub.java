package org.moderation.bi.dashboard.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Vocabulary.ArithmeticOp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The metrics catalog as bi-service sees it over HTTP, serving the catalog's own contract (shared-model records):
 * the built-in metrics published as v1, a metric with a draft and a deprecated version, and a derived metric.
 * Answers only requests that carry a bearer token, as the real catalog does. {@link #down()} makes it fail.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    /** v1 published, v2 draft, v3 deprecated; each version counts something different so answers tell them apart. */
    public static final String VERSIONED = "versioned_submissions";
    public static final String DERIVED = "removals_per_submission";
    /** Served, but asked for only by the test that takes the catalog down: never cached before that. */
    public static final String NEVER_SEEN = "never_seen";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        up();
        return Map.of("quarkus.rest-client.metrics-catalog.url", server.baseUrl());
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
        for (MetricDefinition metric : BuiltInMetrics.ALL) {
            serve(metric.key(), List.of(version(metric, 1, MetricVersionView.PUBLISHED)));
        }
        serve(NEVER_SEEN, List.of(version(rename(BuiltInMetrics.SUBMISSIONS, NEVER_SEEN), 1, MetricVersionView.PUBLISHED)));
        var submissions = rename(BuiltInMetrics.SUBMISSIONS, VERSIONED);
        serve(VERSIONED, List.of(
                version(submissions, 1, MetricVersionView.PUBLISHED),
                version(withTime(submissions, "effective_takedown_at"), 2, MetricVersionView.DRAFT),
                version(withCount(submissions, "report_count"), 3, MetricVersionView.DEPRECATED)));
        var derived = new MetricDefinition(DERIVED, "Removals per submission", "removals / submissions", "derived",
                "ratio", null, null, null,
                Expression.of(ArithmeticOp.DIVIDE, Expression.metric("removals"), Expression.metric("submissions")),
                List.of("day", "month"), List.of("community", "platform"), List.of());
        serve(DERIVED, List.of(version(derived, 1, MetricVersionView.PUBLISHED)));
    }

    private static void serve(String key, List<MetricVersionView> versions) {
        var statuses = new ArrayList<MetricSummaryView.VersionStatus>();
        Integer latestPublished = null;
        for (MetricVersionView v : versions) {
            statuses.add(new MetricSummaryView.VersionStatus(v.version(), v.status()));
            if (MetricVersionView.PUBLISHED.equals(v.status())) {
                latestPublished = v.version();
            }
            stub("/api/v1/metrics/" + key + "/versions/" + v.version(), v);
        }
        stub("/api/v1/metrics/" + key, new MetricSummaryView(key, versions.getFirst().definition().name(), latestPublished, statuses));
    }

    private static void stub(String path, Object body) {
        try {
            server.stubFor(get(urlEqualTo(path)).withHeader("Authorization", matching("Bearer .+"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MetricVersionView version(MetricDefinition definition, int number, String status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new MetricVersionView(definition.key(), number, status, definition, DefinitionHash.of(definition), 0,
                "admin", at, "admin", at, null, null, null, null);
    }

    private static MetricDefinition rename(MetricDefinition d, String key) {
        return new MetricDefinition(key, d.name(), d.description(), d.type(), d.unit(), d.measure(), d.numerator(),
                d.denominator(), d.expression(), d.grains(), d.dimensions(), d.breakdown());
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
