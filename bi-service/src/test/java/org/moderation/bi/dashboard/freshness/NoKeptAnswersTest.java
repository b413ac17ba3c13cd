package org.moderation.bi.dashboard.freshness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/** With {@code bi.cached-answers=0} every request reads the read model, as the first one after a refresh does. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@TestProfile(NoKeptAnswersTest.KeepNone.class)
class NoKeptAnswersTest {

    public static class KeepNone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bi.cached-answers", "0");
        }
    }

    @Inject
    ReadModelFreshness freshness;

    @Test
    void everyRequestSeesTheReadModelAsItIsNow() throws Exception {
        Fixture.load();
        freshness.poll();
        String may = "/api/v1/overview?from=2024-05-01&to=2024-06-01";
        given().auth().oauth2(Tokens.superadmin()).get(may).then().statusCode(200).body("submissions", equalTo(5));

        // A change the service's poll has not seen yet: only a service that keeps nothing can see it.
        try (Connection connection = ReadModelDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("UPDATE submissions SET deleted_at = now() WHERE legacy_id = 4");
            statement.execute("SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id = 4))");
        }

        given().auth().oauth2(Tokens.superadmin()).get(may).then().statusCode(200).body("submissions", equalTo(4));
    }
}
