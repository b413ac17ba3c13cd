package org.moderation.bi.dashboard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.freshness.ReadModelFreshness;
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

        try (Connection connection = ReadModelDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("UPDATE read_model_version SET version = version + 1, changed_at = now() - interval '2 days'");
        }
        freshness.poll();

        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'read-model-freshness' }.status", equalTo("DOWN"));
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
