package org.moderation.bi.dashboard.dashboards;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.JsonNumbers;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Ports;
import org.moderation.bi.testsupport.Tokens;

/**
 * A catalog that has never answered: the overview is still shown, as the built-in version every catalog seeds, and
 * says so; any other dashboard is a 503.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@TestProfile(CatalogDownTest.NoCatalog.class)
class CatalogDownTest {

    public static class NoCatalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.metrics-catalog.url", "http://127.0.0.1:" + Ports.free());
        }
    }

    @BeforeAll
    static void numbersAsDoubles() {
        JsonNumbers.asDoubles();
    }

    @Test
    void theOverviewIsTheBuiltInOneAndOtherDashboardsWait() throws Exception {
        Fixture.load();
        given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/dashboards/overview/view"
                + "?from=2024-05-01&to=2024-06-01").then().statusCode(200)
                .body("dashboard.source", equalTo("built-in")).body("dashboard.version", equalTo(2))
                .body("catalogUnreachableSince", notNullValue())
                .body("kpis[2].metric.key", equalTo("removal_rate")).body("kpis[2].metric.version", equalTo(2))
                .body("kpis[0].metric.key", equalTo("submissions")).body("kpis[0].value", closeTo(2.0, 1e-9));
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/dashboards/weekly_review/view"
                + "?from=2024-05-01&to=2024-06-01").then().statusCode(503).body("error", equalTo("catalog_unavailable"));
    }
}
