package org.moderation.bi.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.dashboard.alerts.AlertRules.lastHours;
import static org.moderation.bi.dashboard.alerts.AlertRules.load;
import static org.moderation.bi.dashboard.alerts.AlertRules.row;
import static org.moderation.bi.dashboard.alerts.AlertRules.rule;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.alerts.AlertWindow;
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

    @Test
    void aboveThresholdIsPendingForItsDurationThenFiresAndBelowFiresAtOnce() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null), row(4, 2, now.minus(Duration.ofHours(30)), null));
        CatalogStub.serveAlertRules(
                rule("north_busy", "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, "PT10M"),
                rule("south_quiet", "submissions", null, lastHours(24), List.of("south"),
                        new AlertCondition(AlertCondition.BELOW, 1.0, null, null), null, null));

        assertThat(evaluator.round(now)).isTrue();
        AlertState pending = state("north_busy");
        assertThat(pending.state()).isEqualTo(AlertState.PENDING);
        assertThat(pending.value()).isEqualTo(3.0);
        assertThat(pending.threshold()).isEqualTo(2.0);
        assertThat(pending.scope()).isEqualTo("north");
        assertThat(pending.drillDown()).isEqualTo("/api/v1/submissions?from=" + now.minus(Duration.ofHours(24))
                + "&to=" + now + "&metric=submissions&version=1&community=north");
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

        // The series on /q/metrics, with bounded labels.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("bi_alert_firing{rule=\"north_busy\",scope=\"north\",severity=\"warning\",version=\"1\"} 1.0")
                .contains("bi_alert_value{rule=\"north_busy\",scope=\"north\",severity=\"warning\",version=\"1\"} 3.0")
                .contains("bi_alert_state{rule=\"north_busy\",scope=\"north\",severity=\"warning\",state=\"firing\",version=\"1\"} 1.0")
                .contains("bi_alert_state{rule=\"north_busy\",scope=\"north\",severity=\"warning\",state=\"pending\",version=\"1\"} 0.0")
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
    void aMinimumCountOrNoValueIsNoDataAndANoDataRuleFiresOnIt() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(30))),
                row(2, 1, now.minus(Duration.ofHours(2)), null));
        CatalogStub.serveAlertRules(
                rule("north_rate_min", "removal_rate", null, lastHours(24), List.of("north"),
                        new AlertCondition(AlertCondition.ABOVE, 0.2, null, null), 10.0, null),
                rule("north_rate", "removal_rate", null, lastHours(24), List.of("north"),
                        new AlertCondition(AlertCondition.ABOVE, 0.2, null, null), 2.0, null),
                rule("east_rate", "removal_rate", null, lastHours(24), List.of("east"),
                        new AlertCondition(AlertCondition.ABOVE, 0.2, null, null), null, null),
                rule("east_silent", "removal_rate", null, lastHours(24), List.of("east"),
                        new AlertCondition(AlertCondition.NO_DATA, null, null, null), null, null));

        evaluator.round(now);
        assertThat(state("north_rate_min").state()).isEqualTo(AlertState.NO_DATA);
        assertThat(state("north_rate_min").message()).contains("counted 2.000 rows, under the rule's minimum of 10.00");
        assertThat(state("north_rate").state()).isEqualTo(AlertState.FIRING);
        assertThat(state("north_rate").value()).isEqualTo(0.5);
        assertThat(state("north_rate").drillDown()).contains("&metric=removal_rate&version=1&part=numerator&community=north");
        assertThat(state("east_rate").state()).isEqualTo(AlertState.NO_DATA);
        assertThat(state("east_rate").value()).isNull();
        assertThat(state("east_silent").state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aStaleReadModelIsStaleNeverOkAndAFiringRuleStaysFiring() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null));
        CatalogStub.serveAlertRules(
                rule("stale_fires", "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, null),
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
    void aCatalogOutageKeepsTheRulesAndNeverResolvesAFiringOne() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null));
        CatalogStub.serveAlertRules(
                rule("outage_fires", "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, null));
        evaluator.round(now);
        assertThat(state("outage_fires").state()).isEqualTo(AlertState.FIRING);

        CatalogStub.down();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null));
        evaluator.round(now.plus(Duration.ofMinutes(1)));
        // The rule and its metric as the catalog last gave them, evaluated on the new data: one submission is ok.
        assertThat(state("outage_fires").state()).isEqualTo(AlertState.OK);
        assertThat(state("outage_fires").value()).isEqualTo(1.0);

        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null));
        evaluator.round(now.plus(Duration.ofMinutes(2)));
        assertThat(state("outage_fires").state()).isEqualTo(AlertState.FIRING);
        assertThat(board.get("outage_fires")).isNotNull();
    }

    @Test
    void aRuleTheCatalogNeverGaveDuringAnOutageKeepsItsFiringState() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null));
        CatalogStub.serveAlertRules(
                rule("outage_list", "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, null));
        evaluator.round(now);
        assertThat(state("outage_list").state()).isEqualTo(AlertState.FIRING);
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

        // A delta to another month (as the migrator's touch_partitions marks it) bumps the read model's version,
        // not the data version of May.
        ReadModelDatabase.execute("""
                UPDATE read_model_version SET version = version + 1, changed_at = now();
                INSERT INTO read_model_partitions (month, version) SELECT '2024-08-01', version FROM read_model_version
                ON CONFLICT (month) DO UPDATE SET version = EXCLUDED.version;""");
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

    /** Last: a round the poll started may still follow, and no other test of this class meets it. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aNewReadModelVersionSeenByTheFreshnessPollStartsARound() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 1, now.minus(Duration.ofHours(2)), null),
                row(3, 1, now.minus(Duration.ofHours(3)), null));
        CatalogStub.serveAlertRules(
                rule("on_change", "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, null));
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
            // A replica that does not evaluate shows no states: Prometheus sees the evaluator's only.
            assertThat(board.get("leader")).isNull();
            assertThat(given().get("/q/metrics").then().extract().asString()).doesNotContain("rule=\"leader\"");
            sql.execute("SELECT pg_advisory_unlock(2121212121)");
        }
        assertThat(evaluator.round(now)).isTrue();
        assertThat(board.get("leader")).isNotNull();
    }

    @Test
    void aManagerSeesOnlyRulesWithinTheirCurrentClaim() throws Exception {
        Instant now = now();
        load(row(1, 1, now.minus(Duration.ofHours(1)), null), row(2, 2, now.minus(Duration.ofHours(1)), null));
        CatalogStub.serveAlertRules(
                rule("scope_north", "submissions", null, lastHours(24), List.of("north"), ABOVE_2, null, null),
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
