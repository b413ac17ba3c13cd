package org.moderation.bi.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.moderation.bi.dashboard.alerts.AlertRules.lastHours;
import static org.moderation.bi.dashboard.alerts.AlertRules.load;
import static org.moderation.bi.dashboard.alerts.AlertRules.row;
import static org.moderation.bi.dashboard.alerts.AlertRules.rule;
import static org.moderation.bi.dashboard.alerts.AlertRules.tag;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import org.awaitility.Awaitility;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * Alert rules evaluated through the metric engine at instants the test chooses (the schedule is off in tests): the
 * {@code for} duration, minimum counts, no data, a stale read model, a catalog outage, the DST edges of calendar days,
 * the Prometheus series, and the evaluator's lock.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class AlertEvaluationTest {

    private static final AlertCondition ABOVE_2 = new AlertCondition(AlertCondition.ABOVE, 2.0, null, null);

    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertBoard board;

    @Inject
    MeterRegistry registry;

    @Inject
    ReadModelFreshness freshness;

    @Inject
    RuleReader reader;

    @Inject
    ReadModel readModel;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void catalogBack() {
        CatalogStub.up();
        breakers.resetAll();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }

    private AlertState state(String rule) {
        Tracked tracked = board.get(rule);
        assertThat(tracked).as("state of " + rule).isNotNull();
        return tracked.state();
    }

    private double counted(String outcome) {
        var counter = registry.find("bi.alerts.evaluations").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Three submissions to north in the last three hours, before {@code now}. */
    private static void threeInNorthLately(Instant now) throws Exception {
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null));
    }

    /** More than 2 submissions to north in the last 24 hours, held for {@code forDuration} (null: at once). */
    private static AlertRuleDefinition northAbove2(String key, String forDuration) {
        return rule(key, "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, forDuration);
    }

    /** {@code key} served and firing: more than 2 submissions to north, three of them, one round as of {@code now}. */
    private void firing(String key, Instant now) throws Exception {
        threeInNorthLately(now);
        CatalogStub.serveAlertRules(northAbove2(key, null));
        evaluator.round(now);
        assertThat(state(key).state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aboveThresholdIsPendingForItsDurationThenFiresAndBelowFiresAtOnce() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null), row(4, 2, now.minus(Duration.ofHours(30)), null));
        CatalogStub.serveAlertRules(
                northAbove2("north_busy", "PT10M"),
                rule("south_quiet", "submissions", null, lastHours(24), List.of("south"),
                        new AlertCondition(AlertCondition.BELOW, 1.0, null, null), null, null));

        assertThat(evaluator.round(now)).isTrue();
        AlertState pending = state("north_busy");
        assertThat(pending.state()).isEqualTo(AlertState.PENDING);
        assertThat(pending.value()).isEqualTo(3.0);
        assertThat(pending.threshold()).isEqualTo(2.0);
        assertThat(pending.scope()).isEqualTo("north");
        // The last 24 hours up to the end of the minute under way.
        Instant minuteEnd = now.plus(Duration.ofMinutes(1));
        assertThat(pending.drillDown()).isEqualTo("/api/v1/submissions?from=" + minuteEnd.minus(Duration.ofHours(24))
                + "&to=" + minuteEnd + "&metric=submissions&version=2&community=north");
        assertThat(state("south_quiet").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("south_quiet").value()).isEqualTo(0.0);

        evaluator.round(now.plus(Duration.ofMinutes(5)));
        assertThat(state("north_busy").state()).isEqualTo(AlertState.PENDING);
        assertThat(state("north_busy").since()).isEqualTo(now);

        Instant later = now.plus(Duration.ofMinutes(11));
        evaluator.round(later);
        AlertState firing = state("north_busy");
        assertThat(firing.state()).isEqualTo(AlertState.FIRING);
        assertThat(firing.since()).isEqualTo(later);
        assertThat(firing.message()).contains("is above");

        // The series on /q/metrics, with bounded labels: the state one series, labelled with the current state.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("state=\"pending\",version=\"1\"}");
        assertThat(metrics)
                .contains("bi_alert_firing{rule=\"north_busy\",scope=\"north\",severity=\"warning\",version=\"1\"} 1.0")
                .contains("bi_alert_value{rule=\"north_busy\",scope=\"north\",severity=\"warning\",version=\"1\"} 3.0")
                .contains("bi_alert_state{rule=\"north_busy\",scope=\"north\",severity=\"warning\",state=\"firing\",version=\"1\"} 1.0")
                .contains("bi_alert_stale{rule=\"north_busy\",scope=\"north\",severity=\"warning\",version=\"1\"} 0.0")
                .contains("bi_alert_info{rule=\"north_busy\",scope=\"north\",severity=\"warning\",summary=\"Summary of north_busy\",version=\"1\"} 1.0");

        // A rule no longer published goes, with its series.
        CatalogStub.serveAlertRules(
                rule("south_quiet", "submissions", null, lastHours(24), List.of("south"),
                        new AlertCondition(AlertCondition.BELOW, 1.0, null, null), null, null));
        evaluator.round(later);
        assertThat(board.get("north_busy")).isNull();
        assertThat(given().get("/q/metrics").then().extract().asString()).doesNotContain("rule=\"north_busy\"")
                .contains("bi_alert_firing{rule=\"south_quiet\"");
    }

    @Test
    void aRuleOnTheSubmissionsWithAHashtagCountsThoseAloneAndItsListHoldsThem() throws Exception {
        Instant now = now();
        threeInNorthLately(now);
        tag("nwo", 1, 2);
        var withNwo = new AlertRuleDefinition("nwo_north", "#nwo in north", "More than one submission with #nwo.",
                new AlertRuleDefinition.AlertMetric("submissions", null), lastHours(24), List.of("north"),
                new AlertCondition(AlertCondition.ABOVE, 1.0, null, null), null, null, "warning", null,
                List.of(new Filter("hashtag", "eq", "nwo", null)));
        // A rule of the same metric, window and community without the filter: read in the same round, apart.
        CatalogStub.serveAlertRules(withNwo, northAbove2("all_north", null));
        evaluator.round(now);

        assertThat(state("nwo_north").value()).isEqualTo(2.0);
        assertThat(state("nwo_north").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("nwo_north").message()).isEqualTo("submissions v2 with hashtag nwo: 2 is above 1");
        assertThat(state("all_north").value()).isEqualTo(3.0);
        String drillDown = state("nwo_north").drillDown();
        assertThat(drillDown).endsWith("&community=north&hashtag=nwo");
        assertThat(given().auth().oauth2(Tokens.superadmin()).get(drillDown).then().statusCode(200).extract()
                .jsonPath().getList("items.legacyId", Integer.class)).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void theHistorySaysWhenARuleFiredAndResolvedWithinTheCallersScope() throws Exception {
        Instant now = now();
        threeInNorthLately(now);
        CatalogStub.serveAlertRules(northAbove2("history_north", "PT10M"));
        evaluator.round(now);
        evaluator.round(now.plus(Duration.ofMinutes(5)));
        Instant fired = now.plus(Duration.ofMinutes(11));
        evaluator.round(fired);
        evaluator.round(fired.plus(Duration.ofMinutes(1)));
        load(row(1, 1, now.minus(Duration.ofHours(1)), null));
        Instant resolved = fired.plus(Duration.ofMinutes(2));
        evaluator.round(resolved);

        var history = given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/alerts/history_north/history")
                .then().statusCode(200).extract().jsonPath();
        // Newest first; a round that changes nothing records nothing.
        assertThat(history.getList("to", String.class)).containsExactly("ok", "firing", "pending");
        assertThat(history.getList("from", String.class)).containsExactly("firing", "pending", null);
        assertThat(history.getList("at", String.class)).containsExactly(resolved.toString(), fired.toString(),
                now.toString());
        assertThat(history.getList("value", Double.class)).containsExactly(1.0, 3.0, 3.0);
        assertThat(history.getString("[1].drillDown")).contains("metric=submissions&version=2&community=north");
        assertThat(history.getString("[1].scope")).isEqualTo("north");
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/history_north/history?limit=1")
                .then().statusCode(200).extract().jsonPath().getList("to", String.class)).containsExactly("ok");
        // The state as recorded starts when it was entered, not at the latest round.
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().extract().jsonPath()
                .getString("find { it.rule == 'history_north' }.since")).isEqualTo(resolved.toString());

        // Another community's manager: as if there were no such rule.
        given().auth().oauth2(Tokens.communityManager("south")).get("/api/v1/alerts/history_north/history")
                .then().statusCode(404).body("error", org.hamcrest.Matchers.equalTo("not_found"));
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/nothing_like_it/history").then().statusCode(404);
        given().get("/api/v1/alerts/history_north/history").then().statusCode(401);
        given().auth().oauth2(Tokens.withoutRole()).get("/api/v1/alerts/history_north/history").then().statusCode(403);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/history_north/history?limit=0").then()
                .statusCode(400);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/history_north/history?limit=501").then()
                .statusCode(400);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/history_north/history?since=x").then()
                .statusCode(400);

        // A rule no longer published leaves the states; its history stays.
        CatalogStub.serveAlertRules();
        evaluator.round(resolved.plus(Duration.ofMinutes(1)));
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().extract().jsonPath()
                .getList("rule", String.class)).doesNotContain("history_north");
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/history_north/history").then()
                .statusCode(200).extract().jsonPath().getList("to", String.class)).hasSize(3);
    }

    @Test
    void aRuleMadeOnThePageIsCreatedAndPublishedInTheCatalogWithTheCallersToken() throws Exception {
        load();
        CatalogStub.server().resetRequests();
        AlertWindow week = new AlertWindow(AlertWindow.CALENDAR, null, "week", "Europe/Berlin");
        var rule = rule("north_weekly", "removal_rate", 1, week, List.of("north"),
                new AlertCondition(AlertCondition.BELOW, 0.2, null, null), 20.0, null);
        CatalogStub.answerAlertRuleCreation(rule, 201, null);
        String manager = Tokens.communityManager("north");

        var created = given().auth().oauth2(manager).contentType("application/json").body(rule)
                .post("/api/v1/alerts/rules").then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("key")).isEqualTo("north_weekly");
        assertThat(created.getString("status")).isEqualTo("published");
        var calls = CatalogStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/api/v1/alert-rules.*")));
        assertThat(calls).extracting(r -> r.getUrl())
                .containsExactly("/api/v1/alert-rules", "/api/v1/alert-rules/north_weekly/versions/1/publish");
        assertThat(calls).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + manager));
        assertThat(calls.getFirst().getBodyAsString()).contains("\"key\":\"north_weekly\"")
                .contains("\"communities\":[\"north\"]");

        // The catalog's refusal, as it said it.
        CatalogStub.answerAlertRuleCreation(rule, 409, "conflict");
        given().auth().oauth2(manager).contentType("application/json").body(rule).post("/api/v1/alerts/rules")
                .then().statusCode(409).body("error", org.hamcrest.Matchers.equalTo("conflict"))
                .body("message", org.hamcrest.Matchers.containsString("refused by the catalog"));
        // Outside the caller's communities: refused here, the catalog never asked.
        CatalogStub.server().resetRequests();
        given().auth().oauth2(Tokens.communityManager("south")).contentType("application/json").body(rule)
                .post("/api/v1/alerts/rules").then().statusCode(403);
        assertThat(CatalogStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))).isEmpty();
        given().contentType("application/json").body(rule).post("/api/v1/alerts/rules").then().statusCode(401);
        given().auth().oauth2(Tokens.withoutRole()).contentType("application/json").body(rule)
                .post("/api/v1/alerts/rules").then().statusCode(403);
    }

    /** However many rules there are, one answer holds a bounded page, and the Link header leads to the next. */
    @Test
    void theStatesComeAPageAtATimeFollowingTheNextLink() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null));
        var rules = new ArrayList<AlertRuleDefinition>();
        for (int i = 1; i <= 5; i++) {
            rules.add(rule("page_" + i, "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, null));
        }
        CatalogStub.serveAlertRules(rules.toArray(AlertRuleDefinition[]::new));
        evaluator.round(now);

        var seen = new ArrayList<String>();
        String next = "/api/v1/alerts?limit=2";
        int pages = 0;
        while (next != null) {
            var answer = given().auth().oauth2(Tokens.communityManager("north")).urlEncodingEnabled(false).get(next)
                    .then().statusCode(200).extract();
            List<String> keys = answer.jsonPath().getList("rule", String.class);
            assertThat(keys).hasSizeLessThanOrEqualTo(2);
            seen.addAll(keys);
            String link = answer.header("Link");
            next = link == null ? null : link.replaceAll("^<https?://[^/]+([^>]*)>.*$", "$1");
            pages++;
        }
        assertThat(seen).containsExactly("page_1", "page_2", "page_3", "page_4", "page_5");
        assertThat(pages).isEqualTo(3);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts?limit=1001").then().statusCode(400);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts?limit=0").then().statusCode(400);
    }

    /** Bodies a hostile or careless client sends: each a 400 naming its place, for either role, before any work. */
    @Test
    void aRuleWithANullInAListOrAValueOfTheWrongTypeIsA400NamingWhere() {
        String body = """
                {"key": "k", "name": "n", "summary": "s", "metric": {"key": "submissions"},
                 "window": {"kind": "rolling", "amount": %s, "unit": "hours"}, "communities": %s,
                 "condition": {"type": "above", "threshold": 2}, "severity": "warning"}""";
        record Case(String amount, String communities, String path) {
        }
        for (Case wrong : List.of(new Case("24", "[null]", "$.communities[0]"),
                new Case("24", "[\"north\", null]", "$.communities[1]"),
                new Case("24", "[1]", "$.communities[0]"), new Case("\"7\"", "[\"north\"]", "$.window.amount"))) {
            for (String token : List.of(Tokens.superadmin(), Tokens.communityManager("north"))) {
                for (String path : List.of("/api/v1/alerts/preview", "/api/v1/alerts/rules")) {
                    given().auth().oauth2(token).contentType("application/json")
                            .body(body.formatted(wrong.amount(), wrong.communities())).post(path).then()
                            .statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_json"))
                            .body("details[0]", org.hamcrest.Matchers.startsWith(wrong.path() + ": "));
                }
            }
        }
    }

    @Test
    void aMinimumCountOrNoValueIsNoDataAndANoDataRuleFiresOnIt() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(30))),
                row(2, 1, now.minus(Duration.ofHours(2)), null));
        CatalogStub.serveAlertRules(
                rule("north_rate_min", "removal_rate_by_now", null, lastHours(24), List.of("north"),
                        new AlertCondition(AlertCondition.ABOVE, 0.2, null, null), 10.0, null),
                rule("north_rate", "removal_rate_by_now", null, lastHours(24), List.of("north"),
                        new AlertCondition(AlertCondition.ABOVE, 0.2, null, null), 2.0, null),
                rule("east_rate", "removal_rate_by_now", null, lastHours(24), List.of("east"),
                        new AlertCondition(AlertCondition.ABOVE, 0.2, null, null), null, null),
                rule("east_silent", "removal_rate_by_now", null, lastHours(24), List.of("east"),
                        new AlertCondition(AlertCondition.NO_DATA, null, null, null), null, null));

        evaluator.round(now);
        assertThat(state("north_rate_min").state()).isEqualTo(AlertState.NO_DATA);
        assertThat(state("north_rate_min").message()).contains("counted 2 rows, under the rule's minimum of 10");
        assertThat(state("north_rate").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("north_rate").value()).isEqualTo(0.5);
        assertThat(state("north_rate").drillDown())
                .contains("&metric=removal_rate_by_now&version=2&part=numerator&community=north");
        // The why in the metric's unit, as the page writes it.
        assertThat(state("north_rate").message()).isEqualTo("removal_rate_by_now v2: 50.0 % is above 20.0 %");
        assertThat(state("east_rate").state()).isEqualTo(AlertState.NO_DATA);
        assertThat(state("east_rate").value()).isNull();
        assertThat(state("east_silent").state()).isEqualTo(AlertState.FIRING);
    }

    /**
     * The removal rate within 14 days over the last 24 hours: today's cohort has had a day, and reads low. Judged as
     * it is, it would fire at once; so a rule judges the latest 24 hours whose submissions are all 14 days old, unless
     * it asks for immature windows, and says which it judged.
     */
    @Test
    void aRuleOnARateWithAHorizonJudgesTheLatestMatureWindowUnlessItAsksForImmatureOnes() throws Exception {
        Instant now = now();
        Instant young = now.minus(Duration.ofHours(3));
        Instant mature = now.minus(Duration.ofDays(14)).minus(Duration.ofHours(3));
        // Today: 1 of 4 taken down; 14 days ago: 3 of 4 taken down, each within a day.
        load(row(1, 1, young, now.minus(Duration.ofHours(1))), row(2, 1, young, null), row(3, 1, young, null),
                row(4, 1, young, null),
                row(5, 1, mature, mature.plus(Duration.ofHours(20))),
                row(6, 1, mature, mature.plus(Duration.ofHours(5))),
                row(7, 1, mature, mature.plus(Duration.ofHours(1))), row(8, 1, mature, null));
        var below = new AlertCondition(AlertCondition.BELOW, 0.3, null, null);
        var asked = rule("north_rate_immature", "removal_rate", null, lastHours(24), List.of("north"), below, null,
                null);
        CatalogStub.serveAlertRules(
                rule("north_rate_mature", "removal_rate", null, lastHours(24), List.of("north"), below, null, null),
                new AlertRuleDefinition(asked.key(), asked.name(), asked.summary(), asked.metric(), asked.window(),
                        asked.communities(), asked.condition(), asked.minimumCount(), asked.forDuration(),
                        asked.severity(), true));

        evaluator.round(now);

        AlertState matureOnly = state("north_rate_mature");
        assertThat(matureOnly.state()).isEqualTo(AlertState.OK);
        assertThat(matureOnly.value()).isEqualTo(0.75);
        assertThat(matureOnly.message()).startsWith("removal_rate v3: judged over [").contains("the latest such window "
                + "whose submissions are all 14 days old").endsWith("75.0 % is not below 30.0 %");
        Instant end = now.minus(Duration.ofDays(14)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        assertThat(matureOnly.drillDown()).contains("from=" + end.minus(Duration.ofHours(24)) + "&to=" + end);
        AlertState immature = state("north_rate_immature");
        assertThat(immature.state()).isEqualTo(AlertState.FIRING);
        assertThat(immature.value()).isEqualTo(0.25);
        assertThat(immature.message()).contains("immature: the submissions of [").contains("are not all 14 days old, "
                + "the value can still rise").endsWith("25.0 % is below 30.0 %");
    }

    @Test
    void aStaleReadModelIsStaleNeverOkAndAFiringRuleStaysFiring() throws Exception {
        Instant now = now();
        threeInNorthLately(now);
        CatalogStub.serveAlertRules(
                northAbove2("stale_fires", null),
                rule("stale_ok", "submissions", null, lastHours(24), List.of("north"),
                        new AlertCondition(AlertCondition.ABOVE, 100.0, null, null), null, null));
        evaluator.round(now);
        assertThat(state("stale_fires").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("stale_ok").state()).isEqualTo(AlertState.OK);

        AlertRules.verifiedAgo("2 hours");
        evaluator.round(now);
        assertThat(state("stale_ok").state()).isEqualTo(AlertState.STALE);
        assertThat(state("stale_ok").message()).contains("freshness threshold");
        assertThat(state("stale_fires").state()).isEqualTo(AlertState.STALE);
        assertThat(board.get("stale_fires").firing()).isTrue();
        assertThat(board.get("stale_ok").firing()).isFalse();
    }

    @Test
    void aReadModelOutOfReachMarksTheRulesStaleInWordsAndAFiringRuleKeepsFiring() throws Exception {
        Instant now = now();
        firing("unread_fires", now);

        ReadModelDatabase.execute("ALTER TABLE read_model_version RENAME TO read_model_version_away");
        try {
            evaluator.round(now.plus(Duration.ofMinutes(1)));
        } finally {
            ReadModelDatabase.execute("ALTER TABLE read_model_version_away RENAME TO read_model_version");
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(line -> line.startsWith("bi_alert_stale{rule=\"unread_fires\"")))
                .singleElement().satisfies(line -> assertThat(line).endsWith(" 1.0"));
        assertThat(metrics.lines().filter(line -> line.startsWith("bi_alert_firing{rule=\"unread_fires\"")))
                .singleElement().satisfies(line -> assertThat(line).endsWith(" 1.0"));
        var recorded = given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(recorded.getString("find { it.rule == 'unread_fires' }.state")).isEqualTo(AlertState.STALE);
        assertThat(recorded.getString("find { it.rule == 'unread_fires' }.message"))
                .startsWith("the read model could not be read (").contains("(firing)")
                .doesNotContain("Exception");

        evaluator.round(now.plus(Duration.ofMinutes(2)));
        assertThat(state("unread_fires").state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aCatalogOutageKeepsTheRulesAndNeverResolvesAFiringOne() throws Exception {
        Instant now = now();
        firing("outage_fires", now);

        CatalogStub.down();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null));
        evaluator.round(now.plus(Duration.ofMinutes(1)));
        // The rule and its metric as the catalog last gave them, evaluated on the new data: one submission is ok.
        assertThat(state("outage_fires").state()).isEqualTo(AlertState.OK);
        assertThat(state("outage_fires").value()).isEqualTo(1.0);

        threeInNorthLately(now);
        evaluator.round(now.plus(Duration.ofMinutes(2)));
        assertThat(state("outage_fires").state()).isEqualTo(AlertState.FIRING);
        assertThat(board.get("outage_fires")).isNotNull();
    }

    @Test
    void aRuleTheCatalogNeverGaveDuringAnOutageKeepsItsFiringState() throws Exception {
        Instant now = now();
        firing("outage_list", now);
        // Even a list of rules that no longer answers at all leaves the states as they are.
        CatalogStub.down();
        for (int i = 0; i < 12; i++) {
            evaluator.round(now.plus(Duration.ofMinutes(i)));
        }
        assertThat(state("outage_list").state()).isEqualTo(AlertState.FIRING);
        assertThat(board.get("outage_list").firing()).isTrue();
    }

    @Test
    void aChangeConditionComparesCalendarDaysOf23And25HoursInBerlin() throws Exception {
        AlertWindow day = new AlertWindow(AlertWindow.CALENDAR, null, "day", "Europe/Berlin");
        AlertCondition doubled = new AlertCondition(AlertCondition.CHANGE_ABOVE, 0.9, 1, AlertCondition.RELATIVE);
        load(
                // 31 March 2024 in Berlin (23 hours): 23:00Z on the 30th .. 22:00Z on the 31st.
                row(1, 1, Instant.parse("2024-03-30T22:30:00Z"), null), // 30 March in Berlin: not counted
                row(2, 1, Instant.parse("2024-03-30T23:30:00Z"), null),
                row(3, 1, Instant.parse("2024-03-31T21:30:00Z"), null),
                // 1 April in Berlin
                row(4, 1, Instant.parse("2024-03-31T22:30:00Z"), null),
                row(5, 1, Instant.parse("2024-04-01T01:00:00Z"), null),
                row(6, 1, Instant.parse("2024-04-01T05:00:00Z"), null),
                row(7, 1, Instant.parse("2024-04-01T08:00:00Z"), null),
                // 27 October 2024 in Berlin (25 hours): 22:00Z on the 26th .. 23:00Z on the 27th.
                row(8, 1, Instant.parse("2024-10-26T22:30:00Z"), null),
                row(9, 1, Instant.parse("2024-10-27T22:30:00Z"), null),
                row(10, 1, Instant.parse("2024-10-27T23:30:00Z"), null), // 28 October in Berlin
                row(11, 1, Instant.parse("2024-10-28T06:00:00Z"), null),
                row(12, 1, Instant.parse("2024-10-28T07:00:00Z"), null),
                row(13, 1, Instant.parse("2024-10-28T08:00:00Z"), null));
        CatalogStub.serveAlertRules(
                rule("berlin_days", "submissions", null, day, List.of("north"), doubled, null, null));

        evaluator.round(Instant.parse("2024-04-01T10:00:00Z"));
        AlertState spring = state("berlin_days");
        assertThat(spring.value()).isEqualTo(4.0);
        assertThat(spring.compared()).isEqualTo(2.0);
        assertThat(spring.state()).isEqualTo(AlertState.FIRING);
        assertThat(board.get("berlin_days").windows().compared())
                .satisfies(w -> assertThat(Duration.between(w.from(), w.to())).isEqualTo(Duration.ofHours(23)));

        evaluator.round(Instant.parse("2024-10-28T11:00:00Z"));
        AlertState autumn = state("berlin_days");
        assertThat(autumn.compared()).isEqualTo(2.0);
        assertThat(autumn.value()).isEqualTo(4.0);
        assertThat(autumn.state()).isEqualTo(AlertState.FIRING);
        assertThat(board.get("berlin_days").windows().compared())
                .satisfies(w -> assertThat(Duration.between(w.from(), w.to())).isEqualTo(Duration.ofHours(25)));
    }

    @Test
    void aRuleIsReadAgainOnlyWhenItsDataOrWindowCouldHaveChanged() throws Exception {
        AlertWindow day = new AlertWindow(AlertWindow.CALENDAR, null, "day", "UTC");
        load(row(1, 1, Instant.parse("2024-05-03T10:00:00Z"), null));
        CatalogStub.serveAlertRules(rule("skips", "submissions", null, day, List.of("north"), ABOVE_2, null, null));
        Instant at = Instant.parse("2024-05-03T12:00:00Z");
        evaluator.round(at);
        double computed = counted("computed");
        double skipped = counted("skipped");

        evaluator.round(at.plus(Duration.ofMinutes(1)));
        assertThat(counted("computed")).isEqualTo(computed);
        assertThat(counted("skipped")).isEqualTo(skipped + 1);

        // A delta to another month, or to May in another community (as the migrator's touch_partitions marks them),
        // bumps the read model's version, not the data version of May in north.
        ReadModelDatabase.execute("""
                UPDATE read_model_version SET version = version + 1, changed_at = now();
                INSERT INTO read_model_partitions (month, community_id, version)
                SELECT month, community_id, version FROM read_model_version,
                    (VALUES ('2024-08-01'::date, 1), ('2024-05-01'::date, 2)) AS changed (month, community_id)
                ON CONFLICT (month, community_id) DO UPDATE SET version = EXCLUDED.version;""");
        evaluator.round(at.plus(Duration.ofMinutes(2)));
        assertThat(counted("computed")).isEqualTo(computed);
        assertThat(counted("skipped")).isEqualTo(skipped + 2);

        // A change to May is read.
        ReadModelDatabase.execute("""
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, deleted_at, last_run_id)
                VALUES (3, 1, 'meta', 'facebook', 'url_host', 'new', '2024-05-03 11:00+00', NULL, now(), NULL, 1),
                       (4, 1, 'meta', 'facebook', 'url_host', 'new', '2024-05-03 11:30+00', NULL, now(), NULL, 1);
                SELECT refresh_submission_facts();""");
        evaluator.round(at.plus(Duration.ofMinutes(3)));
        assertThat(counted("computed")).isEqualTo(computed + 1);
        assertThat(state("skips").value()).isEqualTo(3.0);
        assertThat(state("skips").state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void rulesReadTogetherGetTheValuesEachCommunityHasAlone() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(30))),
                row(2, 1, now.minus(Duration.ofHours(2)), null), row(3, 1, now.minus(Duration.ofHours(3)), null),
                row(4, 2, now.minus(Duration.ofHours(4)), now.minus(Duration.ofHours(3))),
                row(5, 2, now.minus(Duration.ofHours(30)), null), row(6, 3, now.minus(Duration.ofHours(40)), null));
        AlertCondition dayOnDay = new AlertCondition(AlertCondition.CHANGE_ABOVE, 1.0, 1, "relative");
        var rules = new ArrayList<AlertRuleDefinition>();
        for (String metric : List.of("submissions", "removal_rate_by_now")) {
            for (List<String> communities : List.of(List.of("north"), List.of("south"), List.of("east"),
                    List.of("north", "south"), List.<String>of())) {
                String scope = communities.isEmpty() ? "all" : String.join("_", communities);
                rules.add(rule(metric + "_" + scope, metric, null, lastHours(24), communities, dayOnDay, null, null));
            }
        }
        CatalogStub.serveAlertRules(rules.toArray(AlertRuleDefinition[]::new));
        double computed = counted("computed");

        evaluator.round(now);

        assertThat(counted("computed")).isEqualTo(computed + rules.size());
        for (var rule : rules) {
            Tracked tracked = board.get(rule.key());
            Reading alone = readModel.read(tracked.windows().span().from(), tracked.windows().span().to(),
                    snapshot -> reader.compute(snapshot, rule.communities(), rule.filters(), tracked.metric(),
                            tracked.windows()));
            assertThat(tracked.state().value()).as(rule.key()).isEqualTo(alone.value());
            assertThat(tracked.state().compared()).as(rule.key()).isEqualTo(alone.compared());
            assertThat(tracked.reading().count()).as(rule.key()).isEqualTo(alone.count());
        }
        assertThat(state("submissions_north").value()).isEqualTo(3.0);
        assertThat(state("submissions_south").value()).isEqualTo(1.0);
        assertThat(state("submissions_south").compared()).isEqualTo(1.0);
        assertThat(state("submissions_east").value()).isEqualTo(0.0);
        assertThat(state("submissions_east").compared()).isEqualTo(1.0);
        assertThat(state("removal_rate_by_now_north").value()).isCloseTo(1.0 / 3, offset(1e-9));
        assertThat(state("removal_rate_by_now_east").value()).isNull();
    }

    @Test
    void aManagersRuleStopsReadingACommunityTheirTokenNoLongerClaims() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 2, now.minus(Duration.ofHours(1)), null),
                row(3, 2, now.minus(Duration.ofHours(2)), null));
        AlertCondition aboveOne = new AlertCondition(AlertCondition.ABOVE, 1.0, null, null);
        CatalogStub.serveAlertRulesCreatedBy("manager-7",
                rule("mine_both", "submissions", null, lastHours(24), List.of("north", "south"), aboveOne, null, null),
                rule("mine_south", "submissions", null, lastHours(24), List.of("south"), aboveOne, null, null));
        given().auth().oauth2(Tokens.communityManagerNamed("manager-7", "north", "south")).get("/api/v1/alerts")
                .then().statusCode(200);
        evaluator.round(now);
        assertThat(state("mine_both").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("mine_both").value()).isEqualTo(3.0);

        // North is taken from the manager in Keycloak; bi-service sees it at their next request.
        given().auth().oauth2(Tokens.communityManagerNamed("manager-7", "south")).get("/api/v1/alerts").then()
                .statusCode(200);
        // A token of theirs issued before the cut, still valid, gives nothing back: the newest-issued one speaks.
        given().auth().oauth2(Tokens.communityManagerNamedIssuedAgo("manager-7", 60, "north", "south"))
                .get("/api/v1/alerts").then().statusCode(200);
        evaluator.round(now.plus(Duration.ofMinutes(1)));

        AlertState lost = state("mine_both");
        assertThat(lost.state()).isEqualTo(AlertState.ERROR);
        assertThat(lost.value()).isNull();
        assertThat(lost.drillDown()).isNull();
        assertThat(lost.message()).contains("manager-7").contains("no longer claims north");
        assertThat(board.get("mine_both").firing()).isFalse();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("bi_alert_firing{rule=\"mine_both\",scope=\"north,south\",severity=\"warning\","
                + "version=\"1\"} 0.0").contains("bi_alert_value{rule=\"mine_both\",scope=\"north,south\","
                + "severity=\"warning\",version=\"1\"} NaN");
        assertThat(state("mine_south").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("mine_south").value()).isEqualTo(2.0);

        // Given back, the rule reads north again.
        given().auth().oauth2(Tokens.communityManagerNamed("manager-7", "north", "south")).get("/api/v1/alerts")
                .then().statusCode(200);
        evaluator.round(now.plus(Duration.ofMinutes(2)));
        assertThat(state("mine_both").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("mine_both").value()).isEqualTo(3.0);
    }

    /** Last: a round the poll started may still follow, and no other test of this class meets it. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aNewReadModelVersionSeenByTheFreshnessPollStartsARound() throws Exception {
        Instant now = now();
        threeInNorthLately(now);
        CatalogStub.serveAlertRules(northAbove2("on_change", null));
        double rounds = rounds();
        freshness.poll();
        ReadModelDatabase.execute("UPDATE read_model_version SET version = version + 1, changed_at = now()");
        freshness.poll();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> rounds() > rounds
                && board.get("on_change") != null);
        assertThat(state("on_change").state()).isEqualTo(AlertState.FIRING);
    }

    private double rounds() {
        var counter = registry.find("bi.alerts.rounds").tag("result", "evaluated").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDeprecatedPinnedVersionKeepsEvaluatingAndSaysSo() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null));
        CatalogStub.serveAlertRules(rule("pinned_old", CatalogStub.VERSIONED, 2, lastHours(24), List.of("north"),
                ABOVE_2, null, null));
        evaluator.round(now);
        assertThat(state("pinned_old").state()).isIn(AlertState.OK, AlertState.FIRING);
        assertThat(state("pinned_old").message()).contains("deprecated");
    }

    @Test
    void oneReplicaEvaluatesAtATime() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null));
        CatalogStub.serveAlertRules(rule("leader", "submissions", null, lastHours(24), List.of("north"), ABOVE_2,
                null, null));
        assertThat(evaluator.round(now)).isTrue();
        assertThat(board.get("leader")).isNotNull();
        evaluator.resign();
        try (Connection other = ReadModelDatabase.connect(); var sql = other.createStatement()) {
            try (var rows = sql.executeQuery("SELECT pg_try_advisory_lock(2121212121)")) {
                assertThat(rows.next() && rows.getBoolean(1)).as("another replica takes the lock").isTrue();
            }
            assertThat(evaluator.round(now)).isFalse();
            // A replica that does not evaluate publishes no series: Prometheus sees the evaluator's only. Its API
            // shows what the evaluator recorded, as every replica's does.
            assertThat(board.get("leader")).isNull();
            assertThat(given().get("/q/metrics").then().extract().asString()).doesNotContain("rule=\"leader\"");
            assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().statusCode(200)
                    .extract().jsonPath().getList("rule", String.class)).containsExactly("leader");
            sql.execute("SELECT pg_advisory_unlock(2121212121)");
        }
        assertThat(evaluator.round(now)).isTrue();
        assertThat(board.get("leader")).isNotNull();
    }

    @Test
    void aReplicaTakingOverGoesOnWithTheClockOfAForDuration() throws Exception {
        Instant now = now();
        threeInNorthLately(now);
        CatalogStub.serveAlertRules(northAbove2("taken_over", "PT10M"));
        evaluator.round(now);
        assertThat(state("taken_over").state()).isEqualTo(AlertState.PENDING);

        // Another evaluator (this one after resigning: its own clocks gone) goes on from the recorded one.
        evaluator.resign();
        evaluator.round(now.plus(Duration.ofMinutes(5)));
        assertThat(state("taken_over").state()).isEqualTo(AlertState.PENDING);
        evaluator.round(now.plus(Duration.ofMinutes(11)));
        assertThat(state("taken_over").state()).as("10 minutes after the condition began, not after the takeover")
                .isEqualTo(AlertState.FIRING);

        // A firing alert stays firing through a takeover: Alertmanager never sees it resolve.
        evaluator.resign();
        evaluator.round(now.plus(Duration.ofMinutes(12)));
        assertThat(state("taken_over").state()).isEqualTo(AlertState.FIRING);
        assertThat(board.get("taken_over").firing()).isTrue();
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/taken_over/history").then()
                .statusCode(200).extract().jsonPath().getList("to", String.class)).containsExactly("firing", "pending");
    }

    @Test
    void aManagerSeesOnlyRulesWithinTheirCurrentClaim() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 2, now.minus(Duration.ofHours(1)), null));
        CatalogStub.serveAlertRules(
                northAbove2("scope_north", null),
                rule("scope_south", "submissions", null, lastHours(24), List.of("south"), ABOVE_2, null, null),
                rule("scope_both", "submissions", null, lastHours(24), List.of("south", "north"), ABOVE_2, null, null),
                rule("scope_all", "submissions", null, lastHours(24), List.of(), ABOVE_2, null, null));
        evaluator.round(now);

        // Each rule counts its own communities only.
        assertThat(state("scope_north").value()).isEqualTo(1.0);
        assertThat(state("scope_both").value()).isEqualTo(2.0);
        assertThat(state("scope_all").value()).isEqualTo(2.0);
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("rule", String.class))
                .containsExactly("scope_all", "scope_both", "scope_north", "scope_south");
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().extract().jsonPath()
                .getString("find { it.rule == 'scope_both' }.scope")).isEqualTo("north,south");
        assertThat(given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath().getList("rule", String.class)).containsExactly("scope_north");
        assertThat(given().auth().oauth2(Tokens.communityManager("north", "south")).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath().getList("rule", String.class))
                .containsExactly("scope_both", "scope_north", "scope_south");
        // The claim lost north: nothing of north any more, not even the rule over both.
        assertThat(given().auth().oauth2(Tokens.communityManager("south")).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath().getList("rule", String.class)).containsExactly("scope_south");
        assertThat(given().auth().oauth2(Tokens.communityManager()).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath().getList("rule", String.class)).isEmpty();
        assertThat(given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts?state=firing").then()
                .statusCode(200).extract().jsonPath().getList("rule", String.class)).isEmpty();

        given().get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2(Tokens.withoutRole()).get("/api/v1/alerts").then().statusCode(403);
        given().auth().oauth2(Tokens.withRoles("viewer")).get("/api/v1/alerts").then().statusCode(403);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts?state=burning").then().statusCode(400);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts?rule=x").then().statusCode(400);
    }
}
