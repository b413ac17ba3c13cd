package org.moderation.bi.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.dashboard.alerts.AlertRules.load;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Ports;
import org.moderation.bi.testsupport.Tokens;

/**
 * bi-service starts while the catalog is down, after an evaluator before it recorded a firing rule: the rule's series
 * are there from the first round, firing and stale, saying why in words; it keeps firing for its grace, then stops
 * firing and stays stale. A fresh application, as after a restart: nothing of the catalog's is held.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@TestProfile(AlertsAfterRestartTest.CatalogGone.class)
class AlertsAfterRestartTest {

    public static class CatalogGone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.metrics-catalog.url", "http://127.0.0.1:" + Ports.free(),
                    "bi.alerts.catalog-token", Tokens.superadmin(), "bi.alerts.stale-grace", "30m");
        }
    }

    private static final String NORTH = "{rule=\"north_busy\",scope=\"north\",severity=\"critical\",version=\"1\"}";
    private static final String SOUTH = "{rule=\"south_calm\",scope=\"south\",severity=\"warning\",version=\"2\"}";

    @Inject
    AlertEvaluator evaluator;

    @Test
    void aFiringRuleRecordedBeforeKeepsFiringStaleForItsGraceThenStopsAndSaysWhy() throws Exception {
        load();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant fired = now.minus(Duration.ofHours(2));
        ReadModelDatabase.execute("""
                TRUNCATE bi_alerts.alert_states, bi_alerts.alert_transitions;
                INSERT INTO bi_alerts.alert_states (rule_key, rule_version, communities, severity, scope, state, value,
                    threshold, since, evaluated_at, message, firing, summary) VALUES
                ('north_busy', 1, '{north}', 'critical', 'north', 'firing', 3, 2, '%1$s', '%2$s',
                 'submissions v1: 3 is above 2', true, 'Too many reports in north'),
                ('south_calm', 2, '{south}', 'warning', 'south', 'ok', 0, 1, '%1$s', '%2$s', 'ok', false, 'South');
                INSERT INTO bi_alerts.alert_transitions (rule_key, rule_version, communities, severity, scope,
                    from_state, to_state, at, message)
                VALUES ('north_busy', 1, '{north}', 'critical', 'north', NULL, 'firing', '%1$s', 'fired');
                """.formatted(fired, now.minus(Duration.ofMinutes(1))));
        // As a replica that starts: the next round takes the evaluator's lock anew.
        evaluator.resign();
        assertThat(metrics()).doesNotContain("bi_alert_firing" + NORTH);

        assertThat(evaluator.round(now)).isTrue();

        assertThat(metrics()).contains("bi_alert_firing" + NORTH + " 1.0", "bi_alert_stale" + NORTH + " 1.0",
                "bi_alert_state{rule=\"north_busy\",scope=\"north\",severity=\"critical\",state=\"stale\",version=\"1\"} 1.0",
                "bi_alert_info{rule=\"north_busy\",scope=\"north\",severity=\"critical\",summary=\"Too many reports in north\",version=\"1\"} 1.0",
                "bi_alert_value" + NORTH + " 3.0", "bi_alert_firing" + SOUTH + " 0.0", "bi_alert_stale" + SOUTH + " 1.0")
                .doesNotContain("state=\"firing\"");
        JsonPath alerts = given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(alerts.getString("find { it.rule == 'north_busy' }.state")).isEqualTo(AlertState.STALE);
        assertThat(alerts.getString("find { it.rule == 'north_busy' }.message"))
                .contains("could not be read from the metrics catalog", "(firing)", "3 is above 2")
                .doesNotContain("Exception");
        JsonPath history = given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts/north_busy/history").then()
                .statusCode(200).extract().jsonPath();
        assertThat(history.getString("[0].from")).isEqualTo(AlertState.FIRING);
        assertThat(history.getString("[0].to")).isEqualTo(AlertState.STALE);

        evaluator.round(now.plus(Duration.ofMinutes(29)));
        assertThat(metrics()).contains("bi_alert_firing" + NORTH + " 1.0");

        evaluator.round(now.plus(Duration.ofMinutes(30)));
        assertThat(metrics()).contains("bi_alert_firing" + NORTH + " 0.0", "bi_alert_stale" + NORTH + " 1.0");
        JsonPath after = given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(Instant.parse(after.getString("find { it.rule == 'north_busy' }.since"))).isEqualTo(now);
    }

    /** A round that holds nothing to mark stale writes nothing: an empty round would forget every recorded state. */
    @Test
    void aRoundWithNothingStandingForgetsNoRecordedState() throws Exception {
        load();
        ReadModelDatabase.execute("TRUNCATE bi_alerts.alert_states, bi_alerts.alert_transitions");
        evaluator.resign();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        assertThat(evaluator.round(now)).isTrue();
        // Recorded after this replica read the record (as by an evaluator before it, late).
        ReadModelDatabase.execute("""
                INSERT INTO bi_alerts.alert_states (rule_key, rule_version, communities, severity, scope, state,
                    since, evaluated_at, message, firing, summary)
                VALUES ('north_busy', 1, '{north}', 'critical', 'north', 'firing', now(), now(), 'fired', true, 'N')""");

        evaluator.round(now.plus(Duration.ofMinutes(1)));

        JsonPath alerts = given().auth().oauth2(Tokens.superadmin()).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(alerts.getList("rule", String.class)).containsExactly("north_busy");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
