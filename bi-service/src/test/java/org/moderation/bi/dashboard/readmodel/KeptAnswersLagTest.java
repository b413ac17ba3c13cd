package org.moderation.bi.dashboard.readmodel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * With a lag, the versions that decide whether a kept answer holds are read once per window in that time: a change
 * committed in between is not seen by the kept answer until the lag has passed, and then it is.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@TestProfile(KeptAnswersLagTest.FourSecondLag.class)
class KeptAnswersLagTest {

    private static final Duration LAG = Duration.ofSeconds(4);

    public static class FourSecondLag implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bi.kept-answers-lag", LAG.toSeconds() + "s");
        }
    }

    private static final String MAY = "/api/v1/overview?from=2024-05-01&to=2024-06-01";

    @Test
    void aChangeReachesKeptAnswersOnceTheLagHasPassed() throws Exception {
        Fixture.load();
        JsonPath before = may();
        assertThat(before.getInt("submissions")).isEqualTo(5);

        long mayChange = ReadModelDatabase.chunk(9, "2024-05-30 10:00+00");
        JsonPath withinLag = may();
        assertThat(withinLag.getInt("submissions")).as("the kept answer, within the lag").isEqualTo(5);
        assertThat(withinLag.getLong("freshness.version")).as("its version, within the lag")
                .isEqualTo(before.getLong("freshness.version")).isLessThan(mayChange);

        await().atMost(LAG.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> may().getLong("freshness.version") == mayChange);
        given().auth().oauth2(Tokens.superadmin()).get(MAY).then().body("submissions", equalTo(6));
    }

    private static JsonPath may() {
        return given().auth().oauth2(Tokens.superadmin()).get(MAY).then().statusCode(200).extract().jsonPath();
    }

    @AfterEach
    void repair() throws Exception {
        Fixture.load();
    }
}
