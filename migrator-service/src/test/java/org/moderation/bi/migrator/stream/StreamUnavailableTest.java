package org.moderation.bi.migrator.stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.LegacyRoleWithoutReplication;

/**
 * Where the legacy database cannot stream to the migrator's role, the migrator says exactly what to set, keeps
 * polling, and its health says how fresh the numbers are instead of "live".
 */
@QuarkusTest
@WithTestResource(LegacyRoleWithoutReplication.class)
class StreamUnavailableTest {

    @Inject
    StreamCommands stream;

    @Test
    void aRoleWithoutReplicationIsToldWhatToGrantAndTheServiceSaysItPolls() throws Exception {
        LegacyFixture.regenerate();

        await().atMost(Duration.ofMinutes(1)).until(() -> "unavailable".equals(stream.view().status()));
        String role = LegacyRoleWithoutReplication.slot() + "_reader";
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'stream' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'stream' }.data.freshness", equalTo("polling every 5 min"))
                .body("checks.find { it.name == 'stream' }.data.reason",
                        allOf(containsString("ALTER ROLE \"" + role + "\" WITH REPLICATION"),
                                containsString("scheduled deltas poll")));
        // As read at the scrape, once the supervisor has said it.
        await().atMost(Duration.ofMinutes(1)).until(() -> given().get("/q/metrics").then().statusCode(200).extract()
                .asString().contains("migrator_stream_state{state=\"unavailable\"} 1.0"));
        given().get("/q/metrics").then().body(containsString("migrator_stream_live 0.0"))
                .body(containsString("migrator_stream_state{state=\"live\"} 0.0"))
                // The slot is never created where the role cannot stream; this process streams nothing.
                .body(containsString("migrator_stream_slot_retained_bytes NaN"))
                .body(containsString("migrator_stream_lag_seconds NaN"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health").then().body("checks.name", hasItem("stream"));
    }
}
