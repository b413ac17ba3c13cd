package org.moderation.bi.dashboard.scope;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.DemoCommunitiesFixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * README, "Dashboard API": a community manager naming any slug outside their token's scope is a 403 that names the
 * communities they may use, whether the slug exists or not; a superadmin naming a slug of no community is a 400
 * {@code unknown_community} with the slug they probably meant.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class ScopeRulesTest {

    private static final String MAY = "/api/v1/overview?from=2024-05-01&to=2024-06-01";
    private static final String MANAGER = Tokens.communityManager("berlin-online-watch", "vienna-monitoring");

    @Inject
    ReadModelFreshness freshness;

    @BeforeEach
    void fixture() throws Exception {
        DemoCommunitiesFixture.load();
        freshness.poll();
        CatalogStub.up();
    }

    /** It was a 403 "you may not see these communities", which did not say what to use instead. */
    @Test
    void aManagersTypoOfTheirOwnCommunityIsA403NamingTheOnesTheyMayUse() {
        get(MANAGER, MAY + "&community=berlin_online_watch").statusCode(403)
                .body("error", equalTo("out_of_scope"))
                .body("message", equalTo("you may see only berlin-online-watch, vienna-monitoring; "
                        + "berlin_online_watch is not among them (slugs are matched exactly)"))
                .body("details", contains("berlin_online_watch"));
        get(MANAGER, MAY + "&community=berlin-online-watch").statusCode(200).body("submissions", equalTo(2));
    }

    /** A 400 for the slug of no community would tell a manager which communities exist outside their scope. */
    @Test
    void aManagerIsToldTheSameWhetherTheCommunityOutsideTheirScopeExistsOrNot() {
        String existing = get(MANAGER, MAY + "&community=paris-vigilance").statusCode(403).extract().asString();
        String missing = get(MANAGER, MAY + "&community=atlantis-watch").statusCode(403).extract().asString();

        assertThat(existing.replace("paris-vigilance", "SLUG")).isEqualTo(missing.replace("atlantis-watch", "SLUG"));
        get(MANAGER, MAY + "&community=vienna-monitoring&community=paris-vigilance&community=atlantis-watch")
                .statusCode(403).body("details", contains("paris-vigilance", "atlantis-watch"))
                .body("message", equalTo("you may see only berlin-online-watch, vienna-monitoring; paris-vigilance, "
                        + "atlantis-watch are not among them (slugs are matched exactly)"));
    }

    @Test
    void aManagerWithoutCommunitiesIsToldTheyMaySeeNone() {
        get(Tokens.communityManager(), MAY + "&community=berlin-online-watch").statusCode(403)
                .body("error", equalTo("out_of_scope"))
                .body("message", equalTo("your token names no community, so you may see none (not "
                        + "berlin-online-watch); ask an administrator to give you yours"));
    }

    /** The same rule on a metric query, where the communities are a filter of the body. */
    @Test
    void theRuleIsTheSameForAMetricQuerysCommunityFilter() {
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01", "filters",
                        List.of(Map.of("column", "community", "op", "eq", "value", "Vienna-Monitoring"))))
                .post("/api/v1/metrics/submissions/query").then().statusCode(403)
                .body("error", equalTo("out_of_scope"))
                .body("message", equalTo("you may see only berlin-online-watch, vienna-monitoring; "
                        + "Vienna-Monitoring is not among them (slugs are matched exactly)"));
    }

    @Test
    void aSuperadminsTypoIsA400WithTheSlugTheyProbablyMeant() {
        String admin = Tokens.superadmin();
        get(admin, MAY + "&community=berlin_online_watch").statusCode(400)
                .body("error", equalTo("unknown_community"))
                .body("message", equalTo("no community has the slug berlin_online_watch (did you mean "
                        + "berlin-online-watch?); slugs are matched exactly, as the overview's byCommunity lists them"))
                .body("details", contains("berlin_online_watch"));
        get(admin, MAY + "&community=vienna-monitorng&community=Paris-Vigilance").statusCode(400)
                .body("message", equalTo("no community has the slug vienna-monitorng, Paris-Vigilance (did you mean "
                        + "vienna-monitoring for vienna-monitorng, paris-vigilance for Paris-Vigilance?); slugs are "
                        + "matched exactly, as the overview's byCommunity lists them"))
                .body("details", contains("vienna-monitorng", "Paris-Vigilance"));
        get(admin, MAY + "&community=atlantis-watch").statusCode(400)
                .body("message", equalTo("no community has the slug atlantis-watch; slugs are matched exactly, as the "
                        + "overview's byCommunity lists them"));
    }

    /** A manager's token may name a community that is gone: theirs to know, and never a suggestion from outside. */
    @Test
    void aCommunityOfTheManagersOwnScopeThatIsGoneIsA400WithoutSuggestions() {
        get(Tokens.communityManager("berlin-online-watch", "paris-vigilanse"), MAY + "&community=paris-vigilanse")
                .statusCode(400).body("error", equalTo("unknown_community"))
                .body("message", equalTo("no community has the slug paris-vigilanse; slugs are matched exactly, as "
                        + "the overview's byCommunity lists them"));
    }

    private static ValidatableResponse get(String token, String path) {
        return given().auth().oauth2(token).get(path).then().contentType(ContentType.JSON);
    }
}
