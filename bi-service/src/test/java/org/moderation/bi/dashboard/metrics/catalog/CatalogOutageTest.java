package org.moderation.bi.dashboard.metrics.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * The catalog goes down after people have used the dashboard, and one manager keeps asking for dashboards that do
 * not exist: everyone else keeps the definitions already held, every refusal is a 503 or 4xx in the error shape,
 * and once the catalog is back nobody waits for a breaker opened by the outage.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class CatalogOutageTest {

    private static final String MAY = "?from=2024-05-01&to=2024-06-01";

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        CatalogStub.up();
    }

    @AfterEach
    void catalogUp() {
        CatalogStub.up();
        breakers.resetAll();
    }

    @Test
    void aBurstOfUnknownKeysDuringAnOutageLeavesWhatWasHeldWorkingForEveryone() {
        List<String> people = List.of(Tokens.superadmin(), Tokens.communityManager("north"));
        for (String person : people) {
            overview(person).statusCode(200);
            query(person, "submissions").statusCode(200);
        }
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200);

        CatalogStub.down();

        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/dashboards/nope_" + i + "/view" + MAY)
                    .then().statusCode(503).contentType(ContentType.JSON)
                    .body("error", equalTo("catalog_unavailable"))
                    .body("message", not(containsString("Exception")));
        }
        for (String person : people) {
            overview(person).statusCode(200).body("dashboard.key", equalTo("overview"))
                    .body("catalogUnreachableSince", notNullValue());
            query(person, "submissions").statusCode(200);
            query(person, CatalogStub.NEVER_SEEN_BY_OTHERS).statusCode(503).contentType(ContentType.JSON)
                    .body("error", equalTo("catalog_unavailable"));
        }
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200)
                .body("key", hasItem("submissions"));

        CatalogStub.up();

        // Back within the breaker's delay: a definition never held before is fetched again.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(
                () -> query(Tokens.superadmin(), CatalogStub.NEVER_SEEN_BY_OTHERS).statusCode(200));
        overview(Tokens.superadmin()).statusCode(200).body("catalogUnreachableSince", nullValue());
    }

    /** Were a breaker opened, the later ones would be 503s answered without asking the catalog. */
    @Test
    void unknownKeysWhileTheCatalogAnswersAreRefusalsThatOpenNothing() {
        CatalogStub.server().resetRequests();
        int burst = 30;
        for (int i = 0; i < burst; i++) {
            given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/dashboards/nope_" + i + "/view" + MAY)
                    .then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not_found"));
            query(Tokens.communityManager("north"), "nope_" + i).statusCode(404)
                    .body("error", equalTo("not_found"));
        }
        CatalogStub.server().verify(burst, getRequestedFor(urlMatching("/api/v1/dashboards/nope_[0-9]+")));
        CatalogStub.server().verify(burst, getRequestedFor(urlMatching("/api/v1/metrics/nope_[0-9]+")));
        given().auth().oauth2(Tokens.communityManager("south")).get("/api/v1/dashboards/overview/view" + MAY).then()
                .statusCode(200).body("dashboard.source", startsWith("catalog"));
    }

    /**
     * One person over their rate at the catalog is told so; were the 429s counted, the breaker would open and the
     * next question would be answered 503 without asking the catalog.
     */
    @Test
    void aPersonOverTheCatalogsRateIsTold429WithItsRetryAfterAndOpensNothing() {
        CatalogStub.server().stubFor(get(urlMatching("/api/v1/metrics/hurried_[0-9]+")).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"too_many_requests\",\"message\":\"slow down\",\"details\":[]}")));
        for (int i = 0; i < 12; i++) {
            query(Tokens.communityManager("north"), "hurried_" + i).statusCode(429).contentType(ContentType.JSON)
                    .header("Retry-After", "7").body("error", equalTo("too_many_requests"))
                    .body("message", containsString("retry in 7 s")).body("message", not(containsString("Exception")));
        }
        CatalogStub.server().resetRequests();
        query(Tokens.superadmin(), "nope_after_429s").statusCode(404).body("error", equalTo("not_found"));
        CatalogStub.server().verify(1, getRequestedFor(urlMatching("/api/v1/metrics/nope_after_429s")));
    }

    private static ValidatableResponse overview(String token) {
        return given().auth().oauth2(token).get("/api/v1/dashboards/overview/view" + MAY).then();
    }

    private static ValidatableResponse query(String token, String metric) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01"))
                .post("/api/v1/metrics/" + metric + "/query").then();
    }
}
