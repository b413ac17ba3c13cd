package org.moderation.bi.dashboard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.moderation.bi.dashboard.support.CacheLookups;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.DemoCommunitiesFixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * A bearer token quarkus-oidc checked is not checked again on the client's next requests, and what that skips is
 * only the arithmetic: a kept identity is its own token's, for as long as that token is valid.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class VerifiedTokensTest {

    private static final String OVERVIEW = "/api/v1/overview?from=2024-05-01&to=2024-06-01";

    @BeforeEach
    void fixture() throws Exception {
        DemoCommunitiesFixture.load();
        CatalogStub.up();
    }

    @Test
    void aTokenCheckedOnceIsTakenFromTheCheckedTokensAfterwards() {
        String token = Tokens.superadmin();
        double hits = CacheLookups.verifiedTokens("hit");
        double misses = CacheLookups.verifiedTokens("miss");

        for (int i = 0; i < 3; i++) {
            get(token).statusCode(200).body("scope.role", equalTo("superadmin"));
        }

        assertThat(CacheLookups.verifiedTokens("miss") - misses).as("looked up before it was checked").isEqualTo(1);
        assertThat(CacheLookups.verifiedTokens("hit") - hits).as("taken from the checked tokens").isEqualTo(2);
    }

    @Test
    void eachCallerKeepsTheirOwnScope() {
        String berlin = Tokens.communityManager("berlin-online-watch");
        String vienna = Tokens.communityManager("vienna-monitoring");
        for (int i = 0; i < 2; i++) {
            get(berlin).statusCode(200).body("scope.communities", contains("berlin-online-watch"));
            get(vienna).statusCode(200).body("scope.communities", contains("vienna-monitoring"));
            get(Tokens.withoutRole()).statusCode(403);
        }
    }

    @Test
    void aCheckedTokensClaimsUnderAnotherSignatureAreRefused() {
        String token = Tokens.superadmin();
        get(token).statusCode(200);
        String foreignSignature = Tokens.badSignature().split("\\.")[2];
        String claimsOfTheCheckedToken = token.substring(0, token.lastIndexOf('.') + 1);

        get(claimsOfTheCheckedToken + foreignSignature).statusCode(401);
        get(token).statusCode(200);
    }

    @Test
    void aCheckedTokenIsRefusedOnceItExpires() {
        String token = Tokens.superadminExpiringIn(2);
        get(token).statusCode(200);
        get(token).statusCode(200);

        // Kept, it would be given for a minute: refused within seconds, it was not given past its expiry.
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> get(token).statusCode(401));
    }

    private static ValidatableResponse get(String token) {
        return given().auth().oauth2(token).get(OVERVIEW).then();
    }
}
