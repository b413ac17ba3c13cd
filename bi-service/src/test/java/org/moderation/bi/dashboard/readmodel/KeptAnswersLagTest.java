package org.moderation.bi.dashboard.readmodel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * With a lag, the versions that decide whether a kept answer holds are read once per window's months in that time: a
 * change committed in between is not seen by kept answers until the lag has passed, and the version the answers of
 * those months report never goes back. A read that fails is not kept.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@TestProfile(KeptAnswersLagTest.TenSecondLag.class)
class KeptAnswersLagTest {

    /** Long enough for a few requests and a chunk on a busy machine to fit in it. */
    private static final Duration LAG = Duration.ofSeconds(10);

    public static class TenSecondLag implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bi.kept-answers-lag", LAG.toSeconds() + "s", "bi.statement-timeout", "1s");
        }
    }

    private static final String MAY = "/api/v1/overview?from=2024-05-01&to=2024-06-01";
    /** Another question over the same months. */
    private static final String MOST_OF_MAY = "/api/v1/overview?from=2024-05-02&to=2024-05-31";

    @Inject
    KeptAnswers keptAnswers;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        keptAnswers.forgetVersions();
    }

    @Test
    void aChangeReachesKeptAnswersOnceTheLagHasPassed() throws Exception {
        JsonPath before = get(MAY);
        assertThat(before.getInt("submissions")).isEqualTo(5);

        long mayChange = ReadModelDatabase.chunk(9, "2024-05-30 10:00+00");
        JsonPath withinLag = get(MAY);
        assertThat(withinLag.getInt("submissions")).as("the kept answer, within the lag").isEqualTo(5);
        assertThat(withinLag.getLong("freshness.version")).as("its version, within the lag")
                .isEqualTo(before.getLong("freshness.version")).isLessThan(mayChange);

        await().atMost(LAG.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(MAY).getLong("freshness.version") == mayChange);
        assertThat(get(MAY).getInt("submissions")).as("after the lag").isEqualTo(6);
    }

    @Test
    void anAnswerAfterOneComputedOnNewerDataNeverNamesAnOlderVersion() throws Exception {
        long before = get(MAY).getLong("freshness.version");
        long januaryChange = ReadModelDatabase.chunk(8, "2025-01-15 10:00+00");

        JsonPath computed = get(MOST_OF_MAY);
        assertThat(computed.getLong("freshness.version")).as("a question first asked after the change")
                .isEqualTo(januaryChange).isGreaterThan(before);
        JsonPath kept = get(MAY);
        assertThat(kept.getInt("submissions")).as("May did not change").isEqualTo(5);
        assertThat(kept.getLong("freshness.version")).as("the kept answer of the same months, asked next")
                .isEqualTo(januaryChange);
    }

    @Test
    void aVersionsReadThatFailsIsNotKept() throws Exception {
        try (Connection blocker = ReadModelDatabase.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE read_model_version IN ACCESS EXCLUSIVE MODE");

            given().auth().oauth2(Tokens.superadmin()).get(MAY).then()
                    .statusCode(503).body("error", equalTo("query_timeout"));

            blocker.rollback();
        }
        assertThat(get(MAY).getInt("submissions")).as("asked again within the lag").isEqualTo(5);
    }

    private static JsonPath get(String path) {
        return given().auth().oauth2(Tokens.superadmin()).get(path).then().statusCode(200).extract().jsonPath();
    }

    @AfterEach
    void repair() throws Exception {
        Fixture.load();
    }
}
