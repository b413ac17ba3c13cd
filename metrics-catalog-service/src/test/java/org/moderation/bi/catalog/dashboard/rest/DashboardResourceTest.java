package org.moderation.bi.catalog.dashboard.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.moderation.bi.catalog.support.Calls.answer;
import static org.moderation.bi.catalog.support.Calls.as;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.dashboard.service.DashboardCatalogService;
import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.catalog.support.Calls;
import org.moderation.bi.shared.dashboards.BuiltInDashboards;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.dashboards.DashboardBreakdown;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardTile;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class DashboardResourceTest {

    private static final AtomicInteger KEYS = new AtomicInteger();

    @Inject
    DashboardCatalogService dashboards;

    @Test
    void theOverviewIsPublishedInEachBuiltInVersionOnceAndReproducesThePage() {
        as(Tokens.communityManager("north")).get("/api/v1/dashboards").then().statusCode(200)
                .body("find { it.key == 'overview' }.latestPublishedVersion", equalTo(2));
        var first = as(Tokens.communityManager()).get("/api/v1/dashboards/overview/versions/1").then().statusCode(200)
                .body("status", equalTo("published")).body("publishedBy", equalTo("system:built-in"))
                .body("definitionHash", equalTo(DefinitionHash.of(BuiltInDashboards.OVERVIEW_V1)))
                .body("definition.kpis.version", everyItem(equalTo(1)))
                .extract().jsonPath().getObject("definition", DashboardDefinition.class);
        assertThat(first).isEqualTo(BuiltInDashboards.OVERVIEW_V1);
        var overview = as(Tokens.communityManager()).get("/api/v1/dashboards/overview/versions/2").then()
                .statusCode(200)
                .body("status", equalTo("published")).body("publishedBy", equalTo("system:built-in"))
                .body("definitionHash", equalTo(DefinitionHash.of(BuiltInDashboards.OVERVIEW)))
                .body("definition.kpis.metric", contains("submissions", "removals", "removal_rate", "removals_by_source"))
                .body("definition.kpis.version", contains(1, 1, 2, 1))
                .body("definition.breakdowns.dimension", contains("platform", "platform_detail", "community"))
                .extract().jsonPath().getObject("definition", DashboardDefinition.class);
        assertThat(overview).isEqualTo(BuiltInDashboards.OVERVIEW);

        // A second start seeds nothing more: the audit still has the first start's entries.
        var again = dashboards.publishBuiltIns(BuiltInDashboards.SEEDED);
        assertThat(again.published()).isEmpty();
        assertThat(again.refused()).isEmpty();
        assertThat(dashboards.differingBuiltIns(BuiltInDashboards.SEEDED)).isEmpty();
        as(Tokens.superadmin()).get("/api/v1/dashboards/overview/changes").then().statusCode(200)
                .body("action", equalTo(List.of("created", "published", "versioned", "published")))
                .body("actor", everyItem(equalTo("system:built-in")));
    }

    @Test
    void aDashboardGoesFromDraftToPublishedToDeprecatedAndEveryStepIsRecorded() {
        String key = newKey();
        var admin = Tokens.superadminNamed("5f0c-alice", "alice");
        String path = "/api/v1/dashboards/" + key + "/versions/1";
        as(admin).body(dashboard(key, "First", 1)).post("/api/v1/dashboards").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith(path)).header("ETag", "\"0\"")
                .body("status", equalTo("draft")).body("createdBy", equalTo("5f0c-alice"));
        as(Tokens.communityManager("north")).get(path).then().statusCode(404);
        as(Tokens.communityManager("north")).get("/api/v1/dashboards").then().body("key", not(hasItem(key)));

        as(admin).body(dashboard(key, "Second", null)).put(path).then().statusCode(428);
        as(admin).header("If-Match", "\"3\"").body(dashboard(key, "Second", null)).put(path).then().statusCode(412);
        as(admin).header("If-Match", "\"0\"").body(dashboard(key, "Second", null)).put(path).then().statusCode(200)
                .header("ETag", "\"1\"").body("definition.name", equalTo("Second"))
                .body("definition.kpis[0].version", equalTo(null));
        as(Tokens.superadminNamed("9a2e-bob", "bob")).post(path + "/publish").then().statusCode(200)
                .body("status", equalTo("published")).body("publishedBy", equalTo("9a2e-bob"));
        as(admin).header("If-Match", "\"2\"").body(dashboard(key, "Changed", 1)).put(path).then().statusCode(409)
                .body("error", equalTo("version_immutable"));
        as(Tokens.communityManager()).get(path).then().statusCode(200).body("definition.name", equalTo("Second"));

        as(admin).post("/api/v1/dashboards/" + key + "/versions").then().statusCode(201).body("version", equalTo(2))
                .body("definition.name", equalTo("Second"));
        as(admin).post("/api/v1/dashboards/" + key + "/versions").then().statusCode(409)
                .body("error", equalTo("draft_exists"));
        as(Tokens.superadminNamed("c7d1-carol", "carol")).post(path + "/deprecate").then().statusCode(200)
                .body("status", equalTo("deprecated"));

        as(admin).get("/api/v1/dashboards/" + key + "/changes").then().statusCode(200)
                .body("action", equalTo(List.of("created", "updated", "published", "versioned", "deprecated")))
                .body("actorUsername", equalTo(List.of("alice", "alice", "bob", "alice", "carol")))
                .body("version", equalTo(List.of(1, 1, 1, 2, 1)));
        as(admin).get("/api/v1/dashboards/" + key).then().statusCode(200)
                .body("versions.status", equalTo(List.of("deprecated", "draft")))
                .body("latestPublishedVersion", equalTo(null));
        as(Tokens.communityManager()).get("/api/v1/dashboards/" + key).then().statusCode(404);
    }

    @Test
    void toAManagerADashboardWithNoPublishedVersionIsADashboardThatDoesNotExist() {
        String drafted = newKey();
        as(Tokens.superadmin()).body(dashboard(drafted, "Drafted", 1)).post("/api/v1/dashboards").then().statusCode(201);
        String missing = newKey();
        String manager = Tokens.communityManager("north");
        for (String path : List.of("", "/versions/1", "/versions/2")) {
            assertThat(answer(as(manager).get("/api/v1/dashboards/" + drafted + path), drafted, "KEY")).as(path)
                    .startsWith("404 ")
                    .isEqualTo(answer(as(manager).get("/api/v1/dashboards/" + missing + path), missing, "KEY"));
        }
    }

    @Test
    void aDraftMayPinAMetricDraftAndIsPublishedOnlyOnceTheMetricIs() {
        String metric = "dashboard_metric_" + KEYS.incrementAndGet();
        var removals = BuiltInMetrics.REMOVALS;
        as(Tokens.superadmin()).body(new MetricDefinition(metric, "Removals again", removals.description(), "simple",
                "count", removals.measure(), null, null, null, removals.grains(), removals.dimensions(), List.of()))
                .post("/api/v1/metrics").then().statusCode(201);
        String key = newKey();
        var pinsTheDraft = new DashboardDefinition(key, "Preparing", "A dashboard made beside its metric.",
                List.of(new DashboardTile("next", metric, 1, null)), List.of(), List.of());
        as(Tokens.superadmin()).body(pinsTheDraft).post("/api/v1/dashboards").then().statusCode(201);

        String path = "/api/v1/dashboards/" + key + "/versions/1";
        as(Tokens.superadmin()).post(path + "/publish").then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details", contains("$.kpis[0].version: version 1 of " + metric + " is a draft: publish it "
                        + "before this dashboard, or pin a published version"));
        as(Tokens.superadmin()).post("/api/v1/metrics/" + metric + "/versions/1/publish").then().statusCode(200);
        as(Tokens.superadmin()).post(path + "/publish").then().statusCode(200).body("status", equalTo("published"));
    }

    @Test
    void aDashboardWithManyMistakesIsOneAnswerNamingEveryOne() {
        String body = """
                {"key": "many_mistakes", "name": "Many", "description": "d", "colour": "red",
                 "kpis": [{"id": "rate", "metric": "removal_rate", "version": "two"},
                          {"id": "rate", "metric": "ghost"}],
                 "series": [{"id": "sources", "metric": "removals_by_source", "version": 9}],
                 "breakdowns": [{"id": "by_status", "dimension": "status",
                                 "columns": [{"id": "removals", "metric": "removals", "version": 1}]}]}""";

        as(Tokens.superadmin()).body(body).post("/api/v1/dashboards").then().statusCode(400)
                .body("error", equalTo("invalid_json"))
                .body("details", contains(
                        startsWith("$.colour: unknown property 'colour' at $.colour; the object there takes breakdowns, "
                                + "description, key, kpis, name, series"),
                        equalTo("$.kpis[0].version: a wrong type at $.kpis[0].version: expected a whole number"),
                        equalTo("$.kpis[1].id: rate is used twice here; each id names one place"),
                        equalTo("$.kpis[1].metric: unknown metric ghost"),
                        startsWith("$.series[0].version: removals_by_source has no version 9; its versions: 1 (published)"),
                        startsWith("$.breakdowns[0].columns[0].metric: removals cannot be grouped by status")));
        as(Tokens.superadmin()).get("/api/v1/dashboards/many_mistakes").then().statusCode(404);
    }

    @Test
    void onlySuperadminsWriteCommunityManagersReadAndEveryEndpointWantsAValidToken() {
        String key = newKey();
        as(Tokens.superadmin()).body(dashboard(key, "x", 1)).post("/api/v1/dashboards").then().statusCode(201);
        String version = "/api/v1/dashboards/" + key + "/versions/1";
        Calls.onlySuperadminsMay(List.of("POST /api/v1/dashboards", "PUT " + version,
                "POST /api/v1/dashboards/" + key + "/versions", "POST " + version + "/publish",
                "POST " + version + "/deprecate", "GET /api/v1/dashboards/" + key + "/changes"),
                dashboard("irrelevant", "x", 1));
        Calls.communityManagersMayRead(List.of("GET /api/v1/dashboards", "GET /api/v1/dashboards/overview",
                "GET /api/v1/dashboards/overview/versions/1"));
        as(Tokens.communityManager("north")).get("/api/v1/dashboards/overview/versions/1").then().statusCode(200);
    }

    private static String newKey() {
        return "test_dashboard_" + KEYS.incrementAndGet();
    }

    /** Removals and the removal rate (pinned to {@code version}, or following the latest published one if null). */
    private static DashboardDefinition dashboard(String key, String name, Integer version) {
        var rate = new DashboardTile("rate", "removal_rate", version, "Removal rate");
        return new DashboardDefinition(key, name, "For a test.", List.of(rate),
                List.of(new DashboardTile("removals", "removals", 1, null)),
                List.of(new DashboardBreakdown("by_platform", "platform", List.of(rate))));
    }
}
