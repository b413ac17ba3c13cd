package org.moderation.bi.dashboard.explain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.Tokens;

/** Submission ids 1..7 are the fixture's s1..s7. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class ExplainResourceTest {

    @Inject
    ReadModelFreshness freshness;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        freshness.poll();
    }

    @Test
    void aReportTakedownBeatsTheLegacyTimestampAndTheUrlBeatsTheText() {
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/1/explain").then().statusCode(200)
                .body("legacyId", equalTo(1))
                .body("takedown.effectiveAt", equalTo("2024-05-05T00:00:00Z"))
                .body("takedown.source", equalTo("report_flow"))
                .body("takedown.legacyRemovedAt", equalTo("2024-05-20T00:00:00Z"))
                .body("takedown.reports", hasSize(3))
                .body("takedown.why", containsString("report 12"))
                .body("takedown.why", containsString("removed_at 2024-05-20T00:00:00Z is not used"))
                .body("platform.decidedBy", equalTo("url_host"))
                .body("platform.platformDetail", equalTo("facebook"))
                .body("platform.why", containsString("m.facebook.com"))
                .body("platform.why", containsString("the legacy text 'Meta' is not used"));
    }

    @Test
    void theLegacyFallbackAndANonRemovalAreExplained() {
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/3/explain").then().statusCode(200)
                .body("takedown.source", equalTo("legacy_fallback"))
                .body("takedown.why", containsString("no report has a taken_down_at, so the post's removed_at counts"));
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/7/explain").then().statusCode(200)
                .body("takedown.effectiveAt", nullValue())
                .body("takedown.why", containsString("status 'removed' without a timestamp is a data-quality finding"))
                .body("platform.decidedBy", equalTo("legacy_text"))
                .body("platform.why", containsString("'Meta' alone says meta, detail unknown"));
    }

    @Test
    void outOfScopeDeletedAndMissingAreAllNotFound() {
        String manager = Tokens.communityManager("north");
        given().auth().oauth2(manager).get("/api/v1/submissions/1/explain").then().statusCode(200);
        given().auth().oauth2(manager).get("/api/v1/submissions/3/explain").then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().auth().oauth2(manager).get("/api/v1/submissions/6/explain").then().statusCode(404);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/6/explain").then().statusCode(200);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/5/explain").then().statusCode(404);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/999/explain").then().statusCode(404);
    }

    /** A path whose id is no whole number names no submission: a 404 that says why, not "no such route". */
    @Test
    void anIdThatIsNoWholeNumberIsA404ThatSaysSo() {
        for (String id : List.of("abc", "1.5", "0", "99999999999999999999")) {
            given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/" + id + "/explain").then()
                    .statusCode(404).body("error", equalTo("not_found"))
                    .body("message", equalTo("there is no GET /api/v1/submissions/" + id + "/explain: id '" + id
                            + "' is not a whole number between 1 and 9223372036854775807"))
                    .body("details", contains("id"));
        }
    }

    @Test
    void onlyValidTokensWithADashboardRoleGetIn() {
        given().get("/api/v1/submissions/1/explain").then().statusCode(401);
        given().auth().oauth2(Tokens.expired()).get("/api/v1/submissions/1/explain").then().statusCode(401);
        given().auth().oauth2(Tokens.withoutRole()).get("/api/v1/submissions/1/explain").then().statusCode(403);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/submissions/abc/explain").then().statusCode(404);
    }
}
