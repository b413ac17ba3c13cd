package org.moderation.bi.catalog.metric.rest;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.moderation.bi.catalog.support.Calls.as;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.config.JsonPathConfig;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.catalog.support.Calls;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * A definition is tried on the read model before it is relied on: its last 30 days, day by day, and whether it ever
 * counted anything; the catalog's list flags a published metric that never did. On three submissions of the last
 * week, one taken down through a report, one on Telegram.
 */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class MetricPreviewResourceTest {

    @BeforeAll
    static void threeSubmissionsOfTheLastWeek() throws Exception {
        RestAssured.config = RestAssured.config().jsonConfig(RestAssured.config().getJsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        try (Connection connection = CatalogDatabase.connect(); var sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_removed_at, legacy_updated_at, last_run_id) VALUES
                        (9001, NULL, 'telegram', 'telegram', 'url_host', 'new', now() - interval '2 days', NULL, now(), 1),
                        (9002, NULL, 'x', 'x', 'url_host', 'removed', now() - interval '3 days', NULL, now(), 1),
                        (9003, NULL, 'x', 'x', 'url_host', 'new', now() - interval '4 days', NULL, now(), 1)
                        ON CONFLICT DO NOTHING;
                    INSERT INTO reports (legacy_id, submission_id, reported_at, taken_down_at, legacy_updated_at)
                    SELECT 90021, id, now() - interval '3 days', now() - interval '1 day', now()
                    FROM submissions WHERE legacy_id = 9002 ON CONFLICT DO NOTHING;
                    SELECT refresh_submission_facts();""");
        }
    }

    @Test
    void aDraftIsTriedOnTheLast30DaysWithoutBeingStored() {
        var telegramShare = definition("telegram_share_preview", "telegram");
        as(Tokens.superadmin()).body(telegramShare).post("/api/v1/metrics/preview").then().statusCode(200)
                .body("total.numerator", closeTo(1.0, 1e-9)).body("total.denominator", closeTo(3.0, 1e-9))
                .body("total.value", closeTo(1.0 / 3, 1e-9))
                .body("days", hasSize(30)).body("neverCounted", equalTo(false))
                .body("readFrom", hasItem("mv_daily_by_platform_rollup"))
                .body("scope.allCommunities", equalTo(true));
        as(Tokens.superadmin()).get("/api/v1/metrics/telegram_share_preview").then().statusCode(404);
    }

    @Test
    void aDefinitionThatCountsNothingSaysSoAndIsFlaggedOncePublished() {
        String key = "never_counted_preview";
        var reddit = definition(key, "reddit");
        as(Tokens.superadmin()).body(reddit).post("/api/v1/metrics/preview").then().statusCode(200)
                .body("total.value", closeTo(0.0, 1e-9)).body("neverCounted", equalTo(true));

        as(Tokens.superadmin()).body(reddit).post("/api/v1/metrics").then().statusCode(201);
        as(Tokens.superadmin()).get("/api/v1/metrics/" + key + "/versions/1/preview").then().statusCode(200)
                .body("neverCounted", equalTo(true));
        as(Tokens.superadmin()).get("/api/v1/metrics/" + key).then().body("neverCounted", nullValue());
        as(Tokens.superadmin()).post("/api/v1/metrics/" + key + "/versions/1/publish").then().statusCode(200);
        as(Tokens.communityManager("north")).get("/api/v1/metrics").then()
                .body("find { it.key == '" + key + "' }.neverCounted", equalTo(true))
                .body("find { it.key == 'submissions' }.neverCounted", equalTo(false));
    }

    /** A metric with a breakdown has no single total: it counted something when any of its groups did. */
    @Test
    void aMetricWithABreakdownIsTriedAndFlaggedByItsGroups() {
        as(Tokens.superadmin()).get("/api/v1/metrics/removals_by_source/versions/1/preview").then().statusCode(200)
                .body("total.value", nullValue()).body("neverCounted", equalTo(false));
        as(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200)
                .body("find { it.key == 'removals_by_source' }.neverCounted", equalTo(false));
    }

    @Test
    void anInvalidDraftIsRefusedWithEveryProblem() {
        var wrong = definition("wrong_preview", "Telegram");
        wrong.put("unit", "percentage");
        as(Tokens.superadmin()).body(wrong).post("/api/v1/metrics/preview").then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details.size()", equalTo(2));
    }

    @Test
    void onlySuperadminsTryDefinitions() {
        Calls.onlySuperadminsMay(List.of("POST /api/v1/metrics/preview",
                "GET /api/v1/metrics/submissions/versions/1/preview"), definition("any_preview", "telegram"));
    }

    /** The share of the window's submissions on one platform group. */
    private static Map<String, Object> definition(String key, String platform) {
        return new java.util.LinkedHashMap<>(Map.of("key", key, "name", "Share on " + platform,
                "description", "Submissions on " + platform + ", of all submissions of the window.",
                "type", "ratio", "unit", "ratio",
                "numerator", Map.of("aggregation", "count", "time", "submitted_at",
                        "filters", List.of(Map.of("column", "platform", "op", "eq", "value", platform))),
                "denominator", Map.of("aggregation", "count", "time", "submitted_at"),
                "grains", List.of("day"), "dimensions", List.of("community")));
    }
}
