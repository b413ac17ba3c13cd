package org.moderation.bi.dashboard.readmodel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.CacheLookups;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * An answer is kept for as long as no month of its window changed, and names the version of the snapshot that served
 * it. To tell a kept answer from a computed one, a rollup row is changed behind the version's back: only an answer
 * computed again sees it.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class KeptAnswersTest {

    private static final String MAY = "/api/v1/overview?from=2024-05-01&to=2024-06-01";

    @Test
    void anAnswerIsKeptUntilAMonthOfItsWindowChanges() throws Exception {
        Fixture.load();
        given().auth().oauth2(Tokens.superadmin()).get(MAY).then().statusCode(200).body("submissions", equalTo(5));
        ReadModelDatabase.execute("UPDATE mv_monthly_by_platform_rollup SET submissions = submissions + 100 "
                + "WHERE month = '2024-05-01' AND platform_detail = 'facebook'");

        given().auth().oauth2(Tokens.superadmin()).get(MAY).then().body("submissions", equalTo(5));

        long januaryChange = ReadModelDatabase.chunk(8, "2025-01-15 10:00+00");
        given().auth().oauth2(Tokens.superadmin()).get(MAY).then()
                .body("submissions", equalTo(5)).body("freshness.version", equalTo((int) januaryChange));

        long mayChange = ReadModelDatabase.chunk(9, "2024-05-30 10:00+00");
        given().auth().oauth2(Tokens.superadmin()).get(MAY).then()
                .body("submissions", equalTo(106)).body("freshness.version", equalTo((int) mayChange));
    }

    @Test
    void aComputedAnswerCountsOneMissAndAKeptOneAHit() throws Exception {
        Fixture.load();
        String window = "/api/v1/overview?from=2024-05-03&to=2024-05-29";
        double hits = CacheLookups.answers("hit");
        double misses = CacheLookups.answers("miss");

        given().auth().oauth2(Tokens.superadmin()).get(window).then().statusCode(200);
        assertThat(CacheLookups.answers("miss") - misses).as("misses after the first request").isEqualTo(1);
        assertThat(CacheLookups.answers("hit") - hits).as("hits after the first request").isZero();

        given().auth().oauth2(Tokens.superadmin()).get(window).then().statusCode(200);
        assertThat(CacheLookups.answers("miss") - misses).as("misses after the second request").isEqualTo(1);
        assertThat(CacheLookups.answers("hit") - hits).as("hits after the second request").isEqualTo(1);
    }

    @AfterEach
    void repair() throws Exception {
        Fixture.load();
    }
}
