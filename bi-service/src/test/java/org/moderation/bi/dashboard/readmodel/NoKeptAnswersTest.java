package org.moderation.bi.dashboard.readmodel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/** With {@code bi.kept-values=0} every request reads the read model, whatever its versions say. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@TestProfile(NoKeptAnswersTest.KeepNone.class)
class NoKeptAnswersTest {

    public static class KeepNone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bi.kept-values", "0");
        }
    }

    private static final String MAY = "/api/v1/overview?from=2024-05-01&to=2024-06-01";

    @Test
    void everyRequestSeesTheReadModelAsItIsNow() throws Exception {
        Fixture.load();
        given().auth().oauth2(Tokens.superadmin()).get(MAY).then().statusCode(200).body("submissions", equalTo(5));

        // A change that moves no version: only a service that keeps nothing can see it.
        ReadModelDatabase.execute("UPDATE mv_monthly_by_platform_rollup SET submissions = submissions + 100 "
                + "WHERE month = '2024-05-01' AND platform_detail = 'facebook'");

        given().auth().oauth2(Tokens.superadmin()).get(MAY).then().statusCode(200).body("submissions", equalTo(105));
    }

    @AfterEach
    void repair() throws Exception {
        ReadModelDatabase.execute("SELECT refresh_submission_facts()");
    }
}
