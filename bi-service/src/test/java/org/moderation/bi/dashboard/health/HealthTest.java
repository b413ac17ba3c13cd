package org.moderation.bi.dashboard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.sql.Connection;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class HealthTest {

    @Inject
    ReadModelFreshness freshness;

    @Test
    void aStaleReadModelIsDegradedButStillLiveAndReady() throws Exception {
        Fixture.load();
        freshness.poll();
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'read-model-freshness' }.status", equalTo("UP"));

        // A quiet weekend: nothing changed for two days, and a run confirmed it a minute ago.
        try (Connection connection = ReadModelDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("UPDATE read_model_version SET version = version + 1, changed_at = now() - interval '2 days', "
                    + "verified_at = now() - interval '1 minute'");
        }
        freshness.poll();
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'read-model-freshness' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'read-model-freshness' }.data.ageSeconds", greaterThan(2 * 86400 - 60));

        // The migrator stopped: no run has confirmed the read model for two hours.
        try (Connection connection = ReadModelDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("UPDATE read_model_version SET verified_at = now() - interval '2 hours'");
        }
        freshness.poll();

        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'read-model-freshness' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'read-model-freshness' }.data.verifiedAgeSeconds", greaterThan(7000));
        given().get("/q/metrics").then().body(containsString("bi_read_model_verified_age_seconds 72"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsShowEndpointLatencyHistogramsAndTheReadModelsAge() throws Exception {
        Fixture.load();
        freshness.poll();
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/overview?from=2024-05-01&to=2024-06-01")
                .then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/api/v1/overview\""))
                .body(containsString("bi_read_model_age_seconds "));
    }
}
