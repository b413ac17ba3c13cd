package org.moderation.bi.catalog.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.moderation.bi.catalog.support.Calls.answer;
import static org.moderation.bi.catalog.support.Calls.as;
import static org.moderation.bi.catalog.support.Calls.createdRule;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Alert rules go through the catalog's lifecycle as metrics do; community managers write and see them only within the
 * communities of the token they send, as it is at each request.
 */
@QuarkusTest
@TestProfile(AlertRuleResourceTest.OwnReadModel.class)
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class AlertRuleResourceTest {

    /** A database of its own: the communities added here are not those the vocabulary tests count on. */
    public static class OwnReadModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.communities-claim", "communities");
        }
    }

    private static final String PATH = "/api/v1/alert-rules";
    private static final AtomicInteger KEYS = new AtomicInteger();

    @BeforeAll
    static void communities() throws SQLException {
        try (var connection = CatalogDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                    (1, 'North', 'north', now()), (2, 'South', 'south', now()), (3, 'East', 'east', now()),
                    (4, 'Berlin Online Watch', 'berlin-online-watch', now()),
                    (5, 'Vienna Monitoring Group', 'vienna-monitoring', now())""");
        }
    }

    @Test
    void aRuleWithFourMistakesIsOneAnswerNamingAllFour() {
        var wrong = new AlertRuleDefinition(newKey(), "Four mistakes", "A rule with four mistakes.",
                new AlertRuleDefinition.AlertMetric("removal_rate", 9), new AlertWindow("calendar", 3, "week", null),
                List.of("north", "nort"), new AlertCondition("below", 0.2, null, null), null, "30 minutes", "info");

        as(Tokens.superadmin()).body(wrong).post(PATH).then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details", contains(
                        startsWith("$.metric.version: removal_rate has no version 9"),
                        equalTo("$.window.amount: a calendar window takes no amount: it is the week under way"),
                        equalTo("$.forDuration: must be an ISO-8601 duration such as PT30M or P1D"),
                        equalTo("$.communities[1]: 'nort' is not a value of community (did you mean north?); it takes "
                                + "berlin-online-watch, east, north, south, vienna-monitoring")));
        as(Tokens.superadmin()).get(PATH + "/" + wrong.key()).then().statusCode(404);
    }

    @Test
    void aRuleGoesFromDraftToPublishedToDeprecatedAndEveryStepIsRecorded() {
        String key = newKey();
        var admin = Tokens.superadminNamed("5f0c-alice", "alice");
        String path = PATH + "/" + key + "/versions/1";
        as(admin).body(rule(key, "First", List.of())).post(PATH).then().statusCode(201)
                .header("Location", endsWith(path)).header("ETag", "\"0\"")
                .body("status", equalTo("draft")).body("definition.communities", equalTo(List.of()));

        as(admin).body(rule(key, "Second", List.of())).put(path).then().statusCode(428);
        as(admin).header("If-Match", "\"3\"").body(rule(key, "Second", List.of())).put(path).then().statusCode(412);
        as(admin).header("If-Match", "\"0\"").body(rule(key, "Second", List.of())).put(path).then().statusCode(200)
                .header("ETag", "\"1\"").body("definition.name", equalTo("Second"));
        as(Tokens.superadminNamed("9a2e-bob", "bob")).post(path + "/publish").then().statusCode(200)
                .body("status", equalTo("published")).body("publishedBy", equalTo("9a2e-bob"));
        as(admin).header("If-Match", "\"2\"").body(rule(key, "Changed", List.of())).put(path).then().statusCode(409)
                .body("error", equalTo("version_immutable"));

        as(admin).post(PATH + "/" + key + "/versions").then().statusCode(201).body("version", equalTo(2))
                .body("definition.name", equalTo("Second"));
        as(admin).post(PATH + "/" + key + "/versions").then().statusCode(409).body("error", equalTo("draft_exists"));
        as(Tokens.superadminNamed("c7d1-carol", "carol")).post(path + "/deprecate").then().statusCode(200)
                .body("status", equalTo("deprecated"));

        as(admin).get(PATH + "/" + key + "/changes").then().statusCode(200)
                .body("action", equalTo(List.of("created", "updated", "published", "versioned", "deprecated")))
                .body("actorUsername", equalTo(List.of("alice", "alice", "bob", "alice", "carol")))
                .body("version", equalTo(List.of(1, 1, 1, 2, 1)));
        as(admin).get(PATH + "/" + key).then().statusCode(200)
                .body("versions.status", equalTo(List.of("deprecated", "draft")))
                .body("latestPublishedVersion", equalTo(null));
    }

    @Test
    void aPublishedRuleCannotBeChangedNorAnyVersionDeletedEvenInTheDatabase() throws SQLException {
        String key = newKey();
        as(Tokens.superadmin()).body(rule(key, "Frozen", List.of("north"))).post(PATH).then().statusCode(201);
        as(Tokens.superadmin()).post(PATH + "/" + key + "/versions/1/publish").then().statusCode(200);
        String versions = "catalog.alert_rule_versions";
        String itsVersion = " WHERE rule_id = (SELECT id FROM catalog.alert_rules WHERE rule_key = '" + key + "')";
        try (var connection = CatalogDatabase.connect(); var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE " + versions + " SET definition = '{}'::jsonb"
                    + itsVersion)).hasMessageContaining("cannot change");
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE " + versions + " SET status = 'draft'"
                    + itsVersion)).hasMessageContaining("cannot go from published back to draft");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM " + versions + itsVersion))
                    .hasMessageContaining("never deleted");
        }
    }

    @Test
    void aDraftMayWatchADraftMetricVersionAndIsPublishedOnlyOnceTheMetricIs() {
        // Built in: versions 1 to 3 (3 with the dimensions of what is removed); this draft is version 4.
        as(Tokens.superadmin()).post("/api/v1/metrics/removal_rate/versions").then().statusCode(201);
        String key = newKey();
        var watchesTheDraft = pinned(key, 4);
        as(Tokens.superadmin()).body(watchesTheDraft).post(PATH).then().statusCode(201);
        as(Tokens.superadmin()).post(PATH + "/" + key + "/versions/1/publish").then().statusCode(400)
                .body("details", contains("$.metric.version: version 4 of removal_rate is a draft: publish it before "
                        + "this rule, or pin a published version"));
        as(Tokens.superadmin()).post("/api/v1/metrics/removal_rate/versions/4/publish").then().statusCode(200);
        as(Tokens.superadmin()).post(PATH + "/" + key + "/versions/1/publish").then().statusCode(200);
        // A deprecated version is never pinned anew.
        as(Tokens.superadmin()).post("/api/v1/metrics/removal_rate/versions/4/deprecate").then().statusCode(200);
        as(Tokens.superadmin()).body(pinned(newKey(), 4)).post(PATH).then().statusCode(400)
                .body("details[0]", containsString("version 4 of removal_rate is deprecated"));
    }

    @Test
    void aCommunityManagerWritesRulesOnlyForTheirOwnCommunities() {
        String manager = Tokens.communityManager("north", "east");
        String key = createdRule(manager, rule(newKey(), "Mine", List.of("north", "east")));
        as(manager).header("If-Match", "\"0\"").body(rule(key, "Mine, renamed", List.of("north")))
                .put(PATH + "/" + key + "/versions/1").then().statusCode(200);
        as(manager).post(PATH + "/" + key + "/versions/1/publish").then().statusCode(200);
        as(manager).header("If-Match", "\"0\"").post(PATH + "/" + key + "/versions").then().statusCode(201);

        as(manager).body(rule(newKey(), "Theirs", List.of("north", "south"))).post(PATH).then().statusCode(403)
                .body("error", equalTo("out_of_scope"))
                .body("message", equalTo("community south is not among yours: east, north"))
                .body("details", contains("$.communities[1]: south is not among the communities of your token"));
        as(manager).body(rule(newKey(), "Everyone's", List.of())).post(PATH).then().statusCode(403)
                .body("error", equalTo("out_of_scope")).body("message", containsString("names the communities"));
        as(manager).header("If-Match", "\"0\"").body(rule(key, "Widened", List.of("north", "south")))
                .put(PATH + "/" + key + "/versions/2").then().statusCode(403)
                .body("message", containsString("community south"));
        as(Tokens.communityManager()).body(rule(newKey(), "No community", List.of("north"))).post(PATH).then()
                .statusCode(403).body("message", containsString("none (the token names no community)"));

        // Another's rule is not there for them: changed, published or deprecated neither.
        String southern = newKey();
        as(Tokens.superadmin()).body(rule(southern, "South", List.of("south"))).post(PATH).then().statusCode(201);
        as(manager).header("If-Match", "\"0\"").body(rule(southern, "Taken", List.of("north")))
                .put(PATH + "/" + southern + "/versions/1").then().statusCode(404);
        as(manager).post(PATH + "/" + southern + "/versions/1/publish").then().statusCode(404);
        as(Tokens.superadmin()).get(PATH + "/" + southern).then().statusCode(200).body("versions.status", contains("draft"));
    }

    @Test
    void aManagerSeesOnlyRulesWithinTheirCurrentClaimAndLosesThemWithACommunity() {
        String both = Tokens.communityManager("north", "south");
        String key = createdRule(both, rule(newKey(), "North and south", List.of("north", "south")));
        String everywhere = newKey();
        as(Tokens.superadmin()).body(rule(everywhere, "Everywhere", List.of())).post(PATH).then().statusCode(201);

        as(both).get(PATH).then().statusCode(200).body("key", hasItem(key)).body("key", not(hasItem(everywhere)));
        as(both).get(PATH + "/" + key).then().statusCode(200).body("versions.status", contains("draft"));
        as(both).get(PATH + "/" + key + "/versions/1").then().statusCode(200).header("ETag", "\"0\"");
        as(both).get(PATH + "/" + key + "/changes").then().statusCode(200).body("action", contains("created"));
        as(both).get(PATH + "/" + everywhere).then().statusCode(404);

        // The same person, their token now without south: the rule is gone from every read and write.
        String northOnly = Tokens.communityManager("north");
        as(northOnly).get(PATH).then().statusCode(200).body("key", not(hasItem(key)));
        for (String read : List.of(PATH + "/" + key, PATH + "/" + key + "/versions/1", PATH + "/" + key + "/changes")) {
            as(northOnly).get(read).then().statusCode(404);
        }
        as(northOnly).post(PATH + "/" + key + "/versions/1/publish").then().statusCode(404);
        // And back with the claim: nothing was kept of the narrower one.
        as(both).get(PATH + "/" + key).then().statusCode(200);
    }

    @Test
    void aManagerIsToldOfNoCommunityBeyondTheirOwn() {
        // Their claim names a community that does not exist, and one a letter away from another's.
        String manager = Tokens.communityManager("north", "atlantis", "sout");
        String refused = as(manager).body(rule(newKey(), "Unknown", List.of("north", "atlantis", "sout"))).post(PATH)
                .then().statusCode(400).body("error", equalTo("invalid_definition"))
                .body("details", contains(
                        "$.communities[1]: 'atlantis' is unknown or not among your communities; yours: north",
                        "$.communities[2]: 'sout' is unknown or not among your communities; yours: north"))
                .extract().asString();
        for (String theirs : List.of("south", "east", "berlin-online-watch", "vienna-monitoring")) {
            assertThat(refused).doesNotContain(theirs);
        }
        // A slip of one of their own is still pointed out.
        as(Tokens.communityManager("north", "east", "nort")).body(rule(newKey(), "Typo", List.of("nort"))).post(PATH)
                .then().statusCode(400).body("details", contains("$.communities[0]: 'nort' is unknown or not among "
                        + "your communities (did you mean north?); yours: east, north"));
        // A superadmin, who may watch any community, is told every one.
        as(Tokens.superadmin()).body(rule(newKey(), "Unknown", List.of("atlantis"))).post(PATH).then().statusCode(400)
                .body("details", contains("$.communities[0]: 'atlantis' is not a value of community; it takes "
                        + "berlin-online-watch, east, north, south, vienna-monitoring"));
    }

    @Test
    void toAManagerAMetricWithOnlyADraftIsAMetricThatDoesNotExist() {
        String drafted = "drafted_metric_" + KEYS.incrementAndGet();
        as(Tokens.superadmin()).body(metric(drafted)).post("/api/v1/metrics").then().statusCode(201);
        String published = "published_metric_" + KEYS.incrementAndGet();
        as(Tokens.superadmin()).body(metric(published)).post("/api/v1/metrics").then().statusCode(201);
        as(Tokens.superadmin()).post("/api/v1/metrics/" + published + "/versions/1/publish").then().statusCode(200);
        as(Tokens.superadmin()).post("/api/v1/metrics/" + published + "/versions").then().statusCode(201);
        String manager = Tokens.communityManager("north");

        // Following it, or pinning its draft version: the same answer as for a key, or a version, that is not there.
        String key = newKey();
        assertThat(answer(as(manager).body(watching(key, "no_such_metric", null)).post(PATH), "no_such_metric", "M"))
                .startsWith("400 ").contains("unknown metric M")
                .isEqualTo(answer(as(manager).body(watching(key, drafted, null)).post(PATH), drafted, "M"));
        assertThat(answer(as(manager).body(watching(key, published, 3)).post(PATH), "no version 3", "no version N"))
                .startsWith("400 ").contains(published + " has no version N; its versions: 1 (published);")
                .isEqualTo(answer(as(manager).body(watching(key, published, 2)).post(PATH), "no version 2",
                        "no version N"));
        as(manager).get(PATH).then().statusCode(200).body("key", not(hasItem(endsWith("_" + key))));
        // A superadmin sees drafts, and may prepare a rule on one.
        as(Tokens.superadmin()).body(watching(key, drafted, null)).post(PATH).then().statusCode(201);
    }

    @Test
    void anotherPersonsRuleAManagerMayNotSeeAnswersAsARuleThatDoesNotExist() {
        String hidden = createdRule(Tokens.communityManagerNamed("south-person", "south"),
                rule(newKey(), "South", List.of("south")));
        String missing = newKey();
        String manager = Tokens.communityManagerNamed("north-person", "north");
        for (String call : List.of("GET ", "GET /versions/1", "PUT /versions/1", "POST /versions",
                "POST /versions/1/publish", "POST /versions/1/deprecate", "GET /changes")) {
            String method = call.substring(0, call.indexOf(' '));
            String rest = call.substring(call.indexOf(' ') + 1);
            assertThat(answer(as(manager).header("If-Match", "\"0\"").body(rule(hidden, "Mine", List.of("north")))
                    .request(method, PATH + "/" + hidden + rest), hidden, "KEY")).as(call)
                    .startsWith("404 ")
                    .isEqualTo(answer(as(manager).header("If-Match", "\"0\"").body(rule(missing, "Mine",
                            List.of("north"))).request(method, PATH + "/" + missing + rest), missing, "KEY"));
        }
        as(Tokens.superadmin()).get(PATH + "/" + hidden + "/changes").then().statusCode(200)
                .body("action", contains("created"));
    }

    @Test
    void aManagersKeyIsTheirOwnSoNoKeyTheyAreRefusedTellsOfAnotherPersonsRule() {
        String alice = Tokens.communityManagerNamed("keys-alice", "north");
        String bob = Tokens.communityManagerNamed("keys-bob", "south");
        String written = newKey();
        String alices = as(alice).body(rule(written, "Alice's", List.of("north"))).post(PATH).then().statusCode(201)
                .body("definition.key", matchesPattern("m_[0-9a-f]{10}_" + written))
                .extract().path("key");

        // Bob cannot see Alice's rule, and writes the same key, and hers in full: his own rules, not a 409.
        String bobs = createdRule(bob, rule(written, "Bob's", List.of("south")));
        assertThat(bobs).endsWith("_" + written).isNotEqualTo(alices);
        assertThat(createdRule(bob, rule(alices, "Bob's too", List.of("south")))).isNotEqualTo(alices)
                .endsWith("_" + alices);
        as(bob).get(PATH + "/" + alices).then().statusCode(404);

        // Alice is refused only her own key, written either way; a key that begins with her namespace stays as it is.
        for (String again : List.of(written, alices)) {
            as(alice).body(rule(again, "Again", List.of("north"))).post(PATH).then().statusCode(409)
                    .body("error", equalTo("alert_rule_exists")).body("message", containsString(alices));
        }
        String prefix = alices.substring(0, alices.length() - written.length());
        as(alice).body(rule("x".repeat(51), "Long", List.of("north"))).post(PATH).then().statusCode(400)
                .body("details", contains("$.key: must be 1 to 50 characters of a-z, 0-9 and _, starting with a "
                        + "letter: a community manager's key is kept in their own namespace, as " + prefix + "<key>"));
        createdRule(alice, rule("x".repeat(50), "Long enough", List.of("north")));

        // A superadmin's key is kept as written, and never in a manager's form.
        assertThat(createdRule(Tokens.superadmin(), rule(written, "Everyone's", List.of("north")))).isEqualTo(written);
        as(Tokens.superadmin()).body(rule("m_0123456789_" + written, "Theirs", List.of("north"))).post(PATH).then()
                .statusCode(400).body("details", contains("$.key: m_ followed by 10 hexadecimal digits and _ begins "
                        + "a community manager's own keys; choose another"));
    }

    @Test
    void onlyItsOwnerOrASuperadminChangesARule() {
        String alice = Tokens.communityManagerNamed("alice-sub", "north");
        // Bob's communities take in Alice's rule: he sees it, and may not change it.
        String bob = Tokens.communityManagerNamed("bob-sub", "north", "south");
        String key = createdRule(alice, rule(newKey(), "Alice's", List.of("north")));
        String v1 = PATH + "/" + key + "/versions/1";
        as(bob).get(PATH + "/" + key).then().statusCode(200);

        String notOwner = "only the owner of alert rule " + key + " (who created it) or a superadmin may change it";
        as(bob).header("If-Match", "\"0\"").body(rule(key, "Bob's now", List.of("north"))).put(v1).then()
                .statusCode(403).body("error", equalTo("not_owner")).body("message", equalTo(notOwner))
                .body("details", equalTo(List.of()));
        as(bob).post(v1 + "/publish").then().statusCode(403).body("message", equalTo(notOwner));
        as(alice).post(v1 + "/publish").then().statusCode(200);
        as(bob).post(PATH + "/" + key + "/versions").then().statusCode(403).body("error", equalTo("not_owner"));
        as(bob).post(v1 + "/deprecate").then().statusCode(403).body("error", equalTo("not_owner"));

        as(alice).post(PATH + "/" + key + "/versions").then().statusCode(201);
        as(Tokens.superadminNamed("root-sub")).header("If-Match", "\"0\"").body(rule(key, "Fixed", List.of("north")))
                .put(PATH + "/" + key + "/versions/2").then().statusCode(200);
        as(Tokens.superadminNamed("root-sub")).post(v1 + "/deprecate").then().statusCode(200);
        as(alice).get(PATH + "/" + key + "/changes").then().statusCode(200)
                .body("actor", contains("alice-sub", "alice-sub", "alice-sub", "root-sub", "root-sub"));
    }

    @Test
    void aRuleCannotWatchAMetricWhoseAnswerHasABreakdown() {
        String breakdown = "$.metric: removals_by_source answers one value per takedown_source; alert rules cannot "
                + "watch a metric with a breakdown yet: pick a metric of one value";
        for (String token : List.of(Tokens.superadmin(), Tokens.communityManager("north"))) {
            for (Integer version : java.util.Arrays.asList(null, 1, 2)) {
                String key = newKey();
                as(token).body(watching(key, "removals_by_source", version)).post(PATH).then().statusCode(400)
                        .body("error", equalTo("invalid_definition")).body("details", contains(breakdown));
                as(Tokens.superadmin()).get(PATH + "/" + key).then().statusCode(404);
            }
        }
        // Among every other problem, in the order of the definition.
        var wrong = new AlertRuleDefinition(newKey(), "", "Sources.", new AlertRuleDefinition.AlertMetric(
                "removals_by_source", null), new AlertWindow("rolling", 0, "days", null), List.of(),
                new AlertCondition("above", 10.0, null, null), null, null, "warning");
        as(Tokens.superadmin()).body(wrong).post(PATH).then().statusCode(400).body("details", contains(
                equalTo("$.name: is required"), equalTo(breakdown), startsWith("$.window.amount: must be 1 to 92")));
    }

    @Test
    void everyEndpointWantsAValidTokenAndARole() {
        String key = newKey();
        as(Tokens.superadmin()).body(rule(key, "x", List.of("north"))).post(PATH).then().statusCode(201);
        String version = PATH + "/" + key + "/versions/1";
        var calls = List.of("POST " + PATH, "GET " + PATH, "GET " + PATH + "/" + key, "GET " + version, "PUT " + version,
                "POST " + PATH + "/" + key + "/versions", "POST " + version + "/publish", "POST " + version + "/deprecate",
                "GET " + PATH + "/" + key + "/changes");
        for (String call : calls) {
            assertThat(status(call, null)).as("no token: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.badSignature())).as("bad signature: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.expired())).as("expired: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.unsigned())).as("alg none: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.wrongIssuer())).as("wrong issuer: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.withoutRole())).as("no role: " + call).isEqualTo(403);
            assertThat(status(call, Tokens.withRoles("viewer"))).as("another role: " + call).isEqualTo(403);
        }
    }

    @Test
    void theOpenApiExampleIsAcceptedAsItIsAndMayBePublished() throws Exception {
        var document = new ObjectMapper().readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        String post = "/paths/~1api~1v1~1alert-rules/post/requestBody/content/application~1json";
        assertThat(document.at(post + "/schema/$ref").asText()).isEqualTo("#/components/schemas/AlertRuleDefinition");
        assertThat(document.at("/paths/~1api~1v1~1alert-rules~1{key}~1versions~1{version}/put/requestBody/content/"
                + "application~1json/examples/low_removal_rate/value/key").asText()).isEqualTo("low_removal_rate");
        assertThat(document.at("/components/schemas/AlertCondition/properties/type/enum").toString())
                .isEqualTo("[\"above\",\"below\",\"change_above\",\"change_below\",\"no_data\"]");
        assertThat(document.at("/paths/~1api~1v1~1alert-rules/post/tags/0").asText()).isEqualTo("Alert rules");

        String example = document.at(post + "/examples/low_removal_rate/value").toString();
        // Its communities are a manager's own: they may make it as well as a superadmin.
        String manager = Tokens.communityManager("berlin-online-watch", "vienna-monitoring");
        String made = as(manager).body(example).post(PATH).then().statusCode(201)
                .body("definition.metric.key", equalTo("removal_rate")).extract().path("key");
        as(manager).post(PATH + "/" + made + "/versions/1/publish").then().statusCode(200);

        String filtered = document.at(post + "/examples/nwo_surge/value").toString();
        String berlin = Tokens.communityManager("berlin-online-watch");
        made = as(berlin).body(filtered).post(PATH).then().statusCode(201)
                .body("definition.filters[0].column", equalTo("hashtag"))
                .body("definition.filters[0].value", equalTo("nwo")).extract().path("key");
        as(berlin).post(PATH + "/" + made + "/versions/1/publish").then().statusCode(200);
        assertThat(document.at("/components/schemas/AlertRuleDefinition/properties/filters/description").asText())
                .contains("hashtag", "eq", "each column once");
    }

    @Test
    void aRuleFiltersByValuesTheListOfItsSubmissionsCanShowAndKeepsItsHashWithoutThem() {
        // Left out of the JSON, so that the rules written before filters keep their hashes.
        as(Tokens.superadmin()).body(rule(newKey(), "Without filters", List.of("north"))).post(PATH).then()
                .statusCode(201).body("definition", not(org.hamcrest.Matchers.hasKey("filters")));

        var byChannel = withFilters(newKey(), new Filter("report_channel", "eq", "trusted_flagger", null));
        as(Tokens.communityManager("north")).body(byChannel).post(PATH).then().statusCode(201)
                .body("definition.filters[0].value", equalTo("trusted_flagger"));

        var wrong = withFilters(newKey(), new Filter("hashtag", "eq", "#NWO", null),
                new Filter("takedown_source", "eq", "platform", null), new Filter("report_channel", "eq", "fax", null));
        as(Tokens.communityManager("north")).body(wrong).post(PATH).then().statusCode(400)
                .body("details", contains(equalTo("$.filters[1].column: a rule filters by one of platform, "
                        + "platform_detail, category, hashtag, report_channel, takedown_channel, language, "
                        + "classifier_label")));
        var misspelt = withFilters(newKey(), new Filter("hashtag", "eq", "#NWO", null),
                new Filter("report_channel", "eq", "fax", null));
        as(Tokens.communityManager("north")).body(misspelt).post(PATH).then().statusCode(400)
                .body("details", contains(startsWith("$.filters[0].value: '#NWO' is not how "
                        + "hashtag values are kept; write 'nwo'"), startsWith(
                        "$.filters[1].value: 'fax' is not a value of report_channel")));
        as(Tokens.superadmin()).get(PATH + "/" + misspelt.key()).then().statusCode(404);
    }

    private static int status(String call, String token) {
        String[] methodAndPath = call.split(" ", 2);
        var request = given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(rule("irrelevant", "x",
                List.of("north")));
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.request(methodAndPath[0], methodAndPath[1]).statusCode();
    }

    private static String newKey() {
        return "test_rule_" + KEYS.incrementAndGet();
    }

    /** The removal rate under 20 % over the last 7 days, in {@code communities}. */
    private static AlertRuleDefinition rule(String key, String name, List<String> communities) {
        return new AlertRuleDefinition(key, name, "The removal rate fell under 20 %.",
                new AlertRuleDefinition.AlertMetric("removal_rate", null), new AlertWindow("rolling", 7, "days", "UTC"),
                communities, new AlertCondition("below", 0.2, null, null), 10.0, "PT30M", "warning");
    }

    /** Removals in north above 10 over the last day, of the submissions with the filters' values. */
    private static AlertRuleDefinition withFilters(String key, Filter... filters) {
        return new AlertRuleDefinition(key, "Filtered", "Many removals of some submissions.",
                new AlertRuleDefinition.AlertMetric("removals", null), new AlertWindow("rolling", 1, "days", "UTC"),
                List.of("north"), new AlertCondition("above", 10.0, null, null), null, null, "info", null,
                List.of(filters));
    }

    /** The number of reports removed, in {@code communities}: above 10 over the last day. */
    private static AlertRuleDefinition watching(String key, String metric, Integer version) {
        return new AlertRuleDefinition(key, "Watching " + metric, "Many removals.",
                new AlertRuleDefinition.AlertMetric(metric, version), new AlertWindow("rolling", 1, "days", "UTC"),
                List.of("north"), new AlertCondition("above", 10.0, null, null), null, null, "info");
    }

    /** A metric of one value, named after its key (a name is no other published metric's). */
    private static MetricDefinition metric(String key) {
        return new MetricDefinition(key, "Removals as " + key, "Removals, for a test.", "simple", "count",
                BuiltInMetrics.REMOVALS.measure(), null, null, null, BuiltInMetrics.REMOVALS.grains(),
                BuiltInMetrics.REMOVALS.dimensions(), List.of());
    }

    private static AlertRuleDefinition pinned(String key, int version) {
        return new AlertRuleDefinition(key, "Pinned", "The removal rate, version " + version + ", tripled.",
                new AlertRuleDefinition.AlertMetric("removal_rate", version), new AlertWindow("calendar", null, "month",
                        "Europe/Vienna"), List.of(), new AlertCondition("change_above", 2.0, 1, "relative"), null, null,
                "critical");
    }
}
