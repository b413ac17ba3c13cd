package org.moderation.bi.dashboard.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/** The catalog's metrics as the dashboard's Metrics panel gets them: through bi-service, never from the catalog. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class CatalogMetricsResourceTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void catalogUp() {
        CatalogStub.up();
        breakers.resetAll();
    }

    @Test
    void eachMetricAtTheVersionADashboardComputesWithItsHashAndAMarkWhereItIsRetired() {
        // A community manager sees published versions only, so nothing of a metric whose every version is retired.
        given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/metrics").then().statusCode(200)
                .body("key", hasItems("submissions", "removal_rate", CatalogStub.VERSIONED))
                .body("key", not(hasItem(CatalogStub.RETIRED)))
                .body("find { it.key == '" + CatalogStub.VERSIONED + "' }.version", equalTo(1));
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200)
                .body("key", hasItems("submissions", "removal_rate", CatalogStub.VERSIONED, CatalogStub.RETIRED))
                .body("find { it.key == 'removal_rate' }.version", equalTo(3))
                .body("find { it.key == 'removal_rate' }.horizon", equalTo("P14D"))
                .body("find { it.key == 'removal_rate_by_now' }.horizon", nullValue())
                .body("find { it.key == 'removal_rate' }.status", equalTo("published"))
                .body("find { it.key == 'removal_rate' }.unit", equalTo("ratio"))
                .body("find { it.key == 'removal_rate' }.grains", hasItem("day"))
                .body("find { it.key == 'removal_rate' }.definitionHash",
                        equalTo(DefinitionHash.of(BuiltInMetrics.REMOVAL_RATE)))
                // v2 is deprecated and v3 a draft: the panel computes v1
                .body("find { it.key == '" + CatalogStub.VERSIONED + "' }.version", equalTo(1))
                .body("find { it.key == '" + CatalogStub.RETIRED + "' }.status", equalTo("deprecated"));
    }

    @Test
    void whileTheCatalogIsDownTheListLastSeenIsShownAndNeverOneNotSeen() {
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200);

        CatalogStub.down();

        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200)
                .body("key", hasItem("removals"));
        // The list a community manager gets was never seen: no superadmin's list in its place.
        given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/metrics").then().statusCode(503)
                .body("error", equalTo("catalog_unavailable")).body("message", not(equalTo("")));
    }

    @Test
    void onlyADashboardRoleWithAValidTokenGetsTheList() {
        given().get("/api/v1/metrics").then().statusCode(401);
        given().auth().oauth2(Tokens.withoutRole()).get("/api/v1/metrics").then().statusCode(403);
    }
}
