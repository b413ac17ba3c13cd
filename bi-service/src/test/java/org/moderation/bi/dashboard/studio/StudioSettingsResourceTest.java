package org.moderation.bi.dashboard.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class StudioSettingsResourceTest {

    @Test
    void thePageLearnsWhereToLogInWithoutAToken() {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        given().get("/dashboard/config.json").then().statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("clientId", equalTo("moderation-dashboard"));
    }

    @Test
    void thePageMayTalkOnlyToItsServiceAndTheIssuerAndIsNeverFramed() {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        given().get("/dashboard/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self' " + issuer + "/;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", equalTo("no-cache"))
                .body(containsString("<title>BI Studio"));
    }

    @Test
    void theApiStillWantsATokenAndNoOtherOriginIsAllowed() {
        given().get("/api/v1/overview?from=2024-05-01&to=2024-06-01").then().statusCode(401);
        given().header("Origin", "https://elsewhere.example.org").get("/dashboard/config.json").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
