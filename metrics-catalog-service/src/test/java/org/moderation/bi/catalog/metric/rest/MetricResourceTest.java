package org.moderation.bi.catalog.metric.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.catalog.support.Calls.answer;
import static org.moderation.bi.catalog.support.Calls.as;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.catalog.support.Calls;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class MetricResourceTest {

    private static final AtomicInteger KEYS = new AtomicInteger();
    /** Writes every non-ASCII character as an escape, as a lone surrogate cannot travel in UTF-8. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Test
    void theBuiltInsArePublishedEachAtItsVersion() {
        as(Tokens.communityManager("north")).get("/api/v1/metrics").then().statusCode(200)
                .body("key", hasItem("removal_rate"))
                .body("find { it.key == 'removal_rate' }.latestPublishedVersion", equalTo(3))
                .body("find { it.key == 'removal_rate_by_now' }.latestPublishedVersion", equalTo(2))
                .body("find { it.key == 'median_report_to_takedown' }.latestPublishedVersion", equalTo(1));
        as(Tokens.communityManager()).get("/api/v1/metrics/removal_rate/versions/1").then().statusCode(200)
                .body("status", equalTo("published"))
                .body("publishedBy", equalTo("system:built-in"))
                .body("definitionHash", equalTo(DefinitionHash.of(BuiltInMetrics.REMOVAL_RATE_V1)))
                .body("definition.numerator.filters[0].column", equalTo("taken_down"))
                .body("definition", not(org.hamcrest.Matchers.hasKey("horizon")));
        as(Tokens.communityManager()).get("/api/v1/metrics/removal_rate/versions/2").then().statusCode(200)
                .body("status", equalTo("published"))
                .body("definitionHash", equalTo(DefinitionHash.of(BuiltInMetrics.REMOVAL_RATE_V2)))
                .body("definition.horizon", equalTo("P14D"));
        as(Tokens.communityManager()).get("/api/v1/metrics/removal_rate/versions/3").then().statusCode(200)
                .body("definitionHash", equalTo(DefinitionHash.of(BuiltInMetrics.REMOVAL_RATE)))
                .body("definition.dimensions", hasItem("category"));
        as(Tokens.superadmin()).get("/api/v1/metrics/removal_rate/changes").then().statusCode(200)
                .body("action", equalTo(List.of("created", "published", "versioned", "published", "versioned",
                        "published")));
    }

    @Test
    void aMetricGoesFromDraftToPublishedToDeprecatedAndEveryStepIsRecorded() {
        String key = newKey();
        var admin = Tokens.superadminNamed("5f0c-alice", "alice");
        as(admin).body(definition(key, "First")).post("/api/v1/metrics").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/metrics/" + key + "/versions/1"))
                .body("status", equalTo("draft")).body("revision", equalTo(0)).body("createdBy", equalTo("5f0c-alice"));

        // A community manager does not see drafts.
        as(Tokens.communityManager("north")).get("/api/v1/metrics/" + key + "/versions/1").then().statusCode(404);
        as(Tokens.communityManager("north")).get("/api/v1/metrics").then().body("key", not(hasItem(key)));

        String path = "/api/v1/metrics/" + key + "/versions/1";
        as(admin).body(definition(key, "Second")).put(path).then().statusCode(428).body("error", equalTo("if_match_required"));
        as(admin).header("If-Match", "\"7\"").body(definition(key, "Second")).put(path).then().statusCode(412)
                .body("error", equalTo("stale_revision"));
        as(admin).header("If-Match", "\"0\"").body(definition(key, "Second")).put(path).then().statusCode(200)
                .header("ETag", "\"1\"").body("definition.name", equalTo("Second")).body("revision", equalTo(1));
        // A second writer still holding revision 0 loses, visibly.
        as(admin).header("If-Match", "\"0\"").body(definition(key, "Third")).put(path).then().statusCode(412);

        as(Tokens.superadminNamed("9a2e-bob", "bob")).post(path + "/publish").then().statusCode(200)
                .body("status", equalTo("published")).body("publishedBy", equalTo("9a2e-bob"));
        as(admin).header("If-Match", "\"2\"").body(definition(key, "Changed")).put(path).then().statusCode(409)
                .body("error", equalTo("version_immutable"));
        as(admin).post(path + "/publish").then().statusCode(409);
        as(Tokens.communityManager()).get(path).then().statusCode(200).body("definition.name", equalTo("Second"));

        as(admin).post("/api/v1/metrics/" + key + "/versions").then().statusCode(201)
                .body("version", equalTo(2)).body("status", equalTo("draft")).body("definition.name", equalTo("Second"));
        as(admin).post("/api/v1/metrics/" + key + "/versions").then().statusCode(409).body("error", equalTo("draft_exists"));
        as(Tokens.superadminNamed("c7d1-carol", "carol")).post(path + "/deprecate").then().statusCode(200)
                .body("status", equalTo("deprecated")).body("deprecatedBy", equalTo("c7d1-carol"));
        as(admin).post(path + "/deprecate").then().statusCode(409);

        as(admin).get("/api/v1/metrics/" + key + "/changes").then().statusCode(200)
                .body("action", equalTo(List.of("created", "updated", "published", "versioned", "deprecated")))
                .body("actorUsername", equalTo(List.of("alice", "alice", "bob", "alice", "carol")))
                .body("actor", equalTo(List.of("5f0c-alice", "5f0c-alice", "9a2e-bob", "5f0c-alice", "c7d1-carol")))
                .body("version", equalTo(List.of(1, 1, 1, 2, 1)));
        as(admin).get("/api/v1/metrics/" + key).then().statusCode(200)
                .body("versions.status", equalTo(List.of("deprecated", "draft")))
                .body("latestPublishedVersion", equalTo(null));
    }

    @Test
    void toAManagerAMetricWithNoPublishedVersionIsAMetricThatDoesNotExist() {
        String drafted = newKey();
        as(Tokens.superadmin()).body(definition(drafted, "Drafted " + drafted)).post("/api/v1/metrics").then()
                .statusCode(201);
        String retired = newKey();
        as(Tokens.superadmin()).body(definition(retired, "Retired " + retired)).post("/api/v1/metrics").then()
                .statusCode(201);
        as(Tokens.superadmin()).post("/api/v1/metrics/" + retired + "/versions/1/publish").then().statusCode(200);
        as(Tokens.superadmin()).post("/api/v1/metrics/" + retired + "/versions/1/deprecate").then().statusCode(200);
        String missing = newKey();
        String manager = Tokens.communityManager("north");
        for (String hidden : List.of(drafted, retired)) {
            for (String path : List.of("", "/versions/1", "/versions/2")) {
                assertThat(answer(as(manager).get("/api/v1/metrics/" + hidden + path), hidden, "KEY")).as(hidden + path)
                        .startsWith("404 ")
                        .isEqualTo(answer(as(manager).get("/api/v1/metrics/" + missing + path), missing, "KEY"));
            }
        }
        as(Tokens.superadmin()).get("/api/v1/metrics/" + drafted + "/versions/1").then().statusCode(200);
    }

    @Test
    void aChangeByATokenWithoutAUserNameIsRecordedByItsSubjectAlone() {
        String key = newKey();
        as(Tokens.superadminNamed("service-account-7")).body(definition(key, "x")).post("/api/v1/metrics").then()
                .statusCode(201);
        as(Tokens.superadmin()).get("/api/v1/metrics/" + key + "/changes").then().statusCode(200)
                .body("actor", equalTo(List.of("service-account-7")))
                .body("actorUsername", equalTo(java.util.Collections.singletonList(null)));
        // Version 1 and version 2 (with the dimensions of what is removed), each created and published.
        as(Tokens.superadmin()).get("/api/v1/metrics/submissions/changes").then().statusCode(200)
                .body("actor", equalTo(List.of("system:built-in", "system:built-in", "system:built-in",
                        "system:built-in")))
                .body("actorUsername", equalTo(java.util.Arrays.asList(null, null, null, null)));
    }

    @Test
    void anInvalidDefinitionIsA400ListingEveryProblemWithItsPath() {
        var invalid = new MetricDefinition("bad_metric", "n".repeat(200), "d", "ratio", "count", null,
                new Measure("sum", "platform", "submitted_at", List.of(new Filter("id; DROP TABLE metrics", "eq", 1, null))),
                null, null, List.of("day"), List.of(), List.of());
        as(Tokens.superadmin()).body(invalid).post("/api/v1/metrics").then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details", containsInAnyOrder(startsWith("$.name: "), startsWith("$.denominator: "),
                        startsWith("$.numerator.column: "), startsWith("$.numerator.filters[0].column: ")));
    }

    @Test
    void aUnitThatDoesNotFitTheMetricIsRefusedNamingTheUnitsThatFit() {
        String key = newKey();
        var counted = new Measure("count", null, "submitted_at", List.of(new Filter("taken_down", "eq", true, null)));
        var shareAsCount = new MetricDefinition(key, "Share " + key, "d", "ratio", "count", null, counted,
                new Measure("count", null, "submitted_at", List.of()), null, List.of("day"), List.of(), List.of());
        as(Tokens.superadmin()).body(shareAsCount).post("/api/v1/metrics").then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details", contains("$.unit: count does not fit this ratio metric: a count over a count is a "
                        + "fraction of 1 (0.379 is written 37.9 %); the units that fit: ratio, percent"));
        as(Tokens.superadmin()).get("/api/v1/metrics/" + key).then().statusCode(404);
    }

    @Test
    void aSecondMetricMayNotTakeTheNameOfAPublishedOne() {
        var admin = Tokens.superadmin();
        as(admin).body(definition(newKey(), "SUBMISSIONS")).post("/api/v1/metrics").then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details", contains(startsWith("$.name: 'SUBMISSIONS' is the name of the published metric "
                        + "submissions (did you mean submissions? to change it, add a version: POST "
                        + "/api/v1/metrics/submissions/versions)")));

        // Two drafts may share a name; the one published first keeps it, and the second must take its own.
        String first = newKey();
        String second = newKey();
        String name = "Reports per removal " + first;
        as(admin).body(definition(first, name)).post("/api/v1/metrics").then().statusCode(201);
        as(admin).body(definition(second, name.toUpperCase(java.util.Locale.ROOT))).post("/api/v1/metrics").then()
                .statusCode(201);
        as(admin).post("/api/v1/metrics/" + first + "/versions/1/publish").then().statusCode(200);
        as(admin).post("/api/v1/metrics/" + second + "/versions/1/publish").then().statusCode(400)
                .body("details", contains(startsWith("$.name: '" + name.toUpperCase(java.util.Locale.ROOT)
                        + "' is the name of the published metric " + first + " (did you mean " + first + "?")));
        as(admin).header("If-Match", "\"0\"").body(definition(second, "Reports per removal, second " + second))
                .put("/api/v1/metrics/" + second + "/versions/1").then().statusCode(200);
        as(admin).post("/api/v1/metrics/" + second + "/versions/1/publish").then().statusCode(200);
        // A metric's own new version keeps its name.
        as(admin).post("/api/v1/metrics/" + first + "/versions").then().statusCode(201);
        as(admin).post("/api/v1/metrics/" + first + "/versions/2/publish").then().statusCode(200);
    }

    @Test
    void aDefinitionWithManyMistakesIsOneAnswerNamingEveryOne() {
        String body = """
                {"key": "many_mistakes", "name": "Many", "description": "d", "type": "simple", "unit": "percent",
                 "measure": {"aggregation": "count", "time": "submitted_at", "sql": "DROP",
                             "filters": [{"column": "platform", "op": "eq", "value": "Telegram"},
                                         {"column": "status", "op": "in", "values": ["new", "Removed"]},
                                         {"column": "report_count", "op": "gt", "value": "many"}]},
                 "grains": "day", "dimensions": ["platform", {"x": 1}], "breakdown": ["community"]}""";

        as(Tokens.superadmin()).body(body).post("/api/v1/metrics").then().statusCode(400)
                .body("error", equalTo("invalid_json"))
                .body("message", equalTo("the request body is not the JSON this endpoint takes: unknown property 'sql' "
                        + "at $.measure.sql; the object there takes aggregation, column, filters, time (and 7 more, "
                        + "listed in details)"))
                .body("details", contains(
                        startsWith("$.measure.sql: unknown property 'sql'"),
                        equalTo("$.grains: a wrong type at $.grains: expected an array"),
                        equalTo("$.dimensions[1]: a wrong type at $.dimensions[1]: expected a string"),
                        equalTo("$.measure.filters[0].value: 'Telegram' is not a value of platform (did you mean "
                                + "telegram?); it takes meta, x, tiktok, youtube, telegram, reddit, other, unknown"),
                        startsWith("$.measure.filters[1].values[1]: 'Removed' is not a value of status (did you mean "
                                + "removed?)"),
                        equalTo("$.measure.filters[2].value: must be a number for report_count"),
                        startsWith("$.unit: percent does not fit this simple metric"),
                        equalTo("$.breakdown[0]: must be one of the metric's dimensions")));
        as(Tokens.superadmin()).get("/api/v1/metrics/many_mistakes").then().statusCode(404);
    }

    @Test
    void aDefinitionThatReadsButMeansNothingIsAnInvalidDefinitionNamingEveryProblem() {
        var definition = definition("means_nothing", "Means nothing");
        var telegram = new MetricDefinition(definition.key(), definition.name(), definition.description(), "simple",
                "duration", new Measure("count", null, "submitted_at", List.of(
                        new Filter("platform", "eq", "Telegram", null), new Filter("takedown_source", "eq", "report flow", null))),
                null, null, null, List.of("day"), List.of(), List.of());

        as(Tokens.superadmin()).body(telegram).post("/api/v1/metrics").then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details", containsInAnyOrder(startsWith("$.unit: duration does not fit this simple metric"),
                        startsWith("$.measure.filters[0].value: 'Telegram' is not a value of platform"),
                        startsWith("$.measure.filters[1].value: 'report flow' is not a value of takedown_source (did "
                                + "you mean report_flow?)")));
    }

    @Test
    void brokenJsonIsRefusedWhereItBroke() {
        as(Tokens.superadmin()).body("{\"key\": ").post("/api/v1/metrics").then().statusCode(400)
                .body("error", equalTo("invalid_json")).body("message", containsString("malformed JSON at $.key"));
    }

    /**
     * PostgreSQL refuses NUL in text: a definition holding one was a 500. A lone surrogate is no Unicode and was
     * stored as '?'. Both are refused where they are, in any string, typed or not (a filter's value is untyped).
     */
    @Test
    void textThatCannotBeStoredIsA400NamingItsPath() throws Exception {
        String key = newKey();
        ObjectNode definition = JSON.valueToTree(definition(key, "Fine name"));
        Map<String, Consumer<ObjectNode>> wrongs = Map.of(
                "$.name", d -> d.put("name", "Removals\u0000"),
                "$.description", d -> d.put("description", "Removals \ud83d by source"),
                "$.measure.filters[0].values[1]", d -> ((ArrayNode) firstFilter(d).get("values")).set(1, "x\u0000"),
                "$.measure.filters[0].value", d -> firstFilter(d).put("value", "\udc00"));
        for (var wrong : wrongs.entrySet()) {
            ObjectNode body = definition.deepCopy();
            wrong.getValue().accept(body);
            as(Tokens.superadmin()).body(JSON.writeValueAsString(body)).post("/api/v1/metrics").then()
                    .statusCode(400).body("error", equalTo("invalid_json"))
                    .body("message", containsString("the string at " + wrong.getKey() + " holds a "))
                    .body("details", contains(startsWith(wrong.getKey() + ": ")));
        }
        as(Tokens.superadmin()).get("/api/v1/metrics/" + key).then().statusCode(404);
        // A pair of surrogates is one character, and welcome.
        ObjectNode emoji = definition.deepCopy().put("description", "Removals \ud83d\ude00 by source");
        as(Tokens.superadmin()).body(JSON.writeValueAsString(emoji)).post("/api/v1/metrics").then().statusCode(201)
                .body("definition.description", equalTo("Removals \ud83d\ude00 by source"));
    }

    private static ObjectNode firstFilter(ObjectNode definition) {
        return (ObjectNode) definition.get("measure").get("filters").get(0);
    }

    /** A version path that is no whole number names no version: a 404 that says why, not "no such route". */
    @Test
    void aVersionThatIsNoWholeNumberIsA404ThatSaysSo() {
        as(Tokens.superadmin()).get("/api/v1/metrics/removal_rate/versions/first").then().statusCode(404)
                .body("error", equalTo("not_found"))
                .body("message", equalTo("there is no GET /api/v1/metrics/removal_rate/versions/first: version "
                        + "'first' is not a whole number between 1 and 2147483647"));
        as(Tokens.superadmin()).post("/api/v1/metrics/removal_rate/versions/1.0/publish").then().statusCode(404)
                .body("message", containsString("version '1.0' is not a whole number"));
    }

    @Test
    void onlySuperadminsWriteAndEveryEndpointWantsAValidToken() {
        String key = newKey();
        as(Tokens.superadmin()).body(definition(key, "x")).post("/api/v1/metrics").then().statusCode(201);
        String version = "/api/v1/metrics/" + key + "/versions/1";
        Calls.onlySuperadminsMay(List.of("POST /api/v1/metrics", "PUT " + version,
                "POST /api/v1/metrics/" + key + "/versions", "POST " + version + "/publish",
                "POST " + version + "/deprecate", "GET /api/v1/metrics/" + key + "/changes"),
                definition("irrelevant", "x"));
        Calls.communityManagersMayRead(List.of("GET /api/v1/metrics", "GET /api/v1/metrics/" + key, "GET " + version));
    }

    static String newKey() {
        return "test_metric_" + KEYS.incrementAndGet();
    }

    static MetricDefinition definition(String key, String name) {
        return new MetricDefinition(key, name, "Reports per removal, for a test.", "simple", "count",
                new Measure("sum", "report_count", "effective_takedown_at",
                        List.of(new Filter("platform", "in", null, List.of("meta", "x")))),
                null, null, null, List.of("day", "month"), List.of("platform"), List.of());
    }
}
