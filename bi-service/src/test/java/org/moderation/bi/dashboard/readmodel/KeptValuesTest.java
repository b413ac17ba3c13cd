package org.moderation.bi.dashboard.readmodel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.CacheLookups;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * Kept answers are bounded by what they hold, not by how many they are: with room for a few hundred values, a month's
 * overview is kept and a year of days (365 values and 365 points) is not, however often it is asked.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@TestProfile(KeptValuesTest.FewValues.class)
class KeptValuesTest {

    public static class FewValues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bi.kept-values", "400");
        }
    }

    private static final String MAY = "/api/v1/overview?from=2024-05-01&to=2024-06-01";
    private static final String YEAR_OF_DAYS = "/api/v1/timeseries?metric=submissions&granularity=day"
            + "&from=2024-01-01&to=2025-01-01";

    @Test
    void anAnswerHoldingMoreThanTheBoundIsComputedAtEveryRequest() throws Exception {
        Fixture.load();
        assertThat(lookupsOfTwoRequests(MAY)).as("misses and hits of a month's overview asked twice")
                .containsExactly(1.0, 1.0);
        assertThat(lookupsOfTwoRequests(YEAR_OF_DAYS)).as("misses and hits of a year of days asked twice")
                .containsExactly(2.0, 0.0);
    }

    @Test
    void answersThatHoldNothingStillCountAgainstTheBound() throws Exception {
        Fixture.load();
        // Pages after a cursor at the very start of May: nothing older is in the window, so each page is empty.
        long mayStart = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-05-01T00:00:00.000001Z"));
        for (int id = 1; id <= 60; id++) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((mayStart + "." + id).getBytes(StandardCharsets.US_ASCII));
            given().auth().oauth2(Tokens.superadmin())
                    .get("/api/v1/submissions?from=2024-05-01&to=2024-06-01&measure=submitted&after=" + cursor)
                    .then().statusCode(200).body("items", hasSize(0));
        }
        assertThat(CacheLookups.answersKept()).as("answers kept with room for 400 values")
                .isLessThanOrEqualTo(400.0 / KeptAnswers.ANSWER_OVERHEAD);
    }

    /** The misses and hits of the kept answers while {@code path} is asked twice. */
    private static double[] lookupsOfTwoRequests(String path) {
        double misses = CacheLookups.answers("miss");
        double hits = CacheLookups.answers("hit");
        given().auth().oauth2(Tokens.superadmin()).get(path).then().statusCode(200);
        given().auth().oauth2(Tokens.superadmin()).get(path).then().statusCode(200);
        return new double[] {CacheLookups.answers("miss") - misses, CacheLookups.answers("hit") - hits};
    }
}
