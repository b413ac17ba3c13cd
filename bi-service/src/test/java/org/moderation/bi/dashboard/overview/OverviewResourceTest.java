package org.moderation.bi.dashboard.overview;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.JsonNumbers;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.Tokens;

/** Numbers worked out by hand from {@link Fixture} for the window May 2024. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class OverviewResourceTest {

    private static final String MAY = "/api/v1/overview?from=2024-05-01&to=2024-06-01";

    @BeforeAll
    static void numbersAsDoubles() {
        JsonNumbers.asDoubles();
    }

    @Inject
    ReadModelFreshness freshness;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        freshness.poll();
    }

    @Test
    void aSuperadminSeesEveryNumberAsTheRulesDefineIt() {
        get(Tokens.superadmin(), MAY).statusCode(200)
                // s1, s2, s4, s6, s7 were submitted in May; s3 in April; s5 is deleted.
                .body("submissions", equalTo(5))
                // s1 (earliest report takedown 05-05), s3 (removed_at 05-02), s6 (report 05-16); s2 only in June.
                .body("removed", equalTo(3))
                // Of May's five submissions, s1 (2 days) and s6 (1 day) were taken down within 14 days of submission;
                // s2 too by now, but 37 days after it.
                .body("removalRate", closeTo(0.4, 1e-9))
                .body("removalRateMaturity.horizon", equalTo("P14D"))
                .body("removalRateMaturity.mature", equalTo(true))
                .body("removalRateMaturity.maturesAt", equalTo("2024-06-15T00:00:00Z"))
                .body("takedownSources.report_flow", equalTo(2))
                .body("takedownSources.legacy_fallback", equalTo(1))
                .body("byPlatform.platform", contains("meta", "unknown", "x", "youtube"))
                .body("byPlatform.find { it.platform == 'meta' }.submissions", equalTo(3))
                .body("byPlatform.find { it.platform == 'meta' }.removed", equalTo(1))
                .body("byPlatform.find { it.platform == 'meta' }.removalRate", closeTo(1.0 / 3, 1e-9))
                .body("byPlatform.find { it.platform == 'x' }.submissions", equalTo(0))
                .body("byPlatform.find { it.platform == 'x' }.removed", equalTo(1))
                .body("byPlatform.find { it.platform == 'x' }.removalRate", nullValue())
                .body("byPlatformDetail.platformDetail", contains("facebook", "instagram", "unknown", "x", "youtube"))
                .body("byPlatformDetail.find { it.platformDetail == 'unknown' }.submissions", equalTo(2))
                .body("byPlatformDetail.find { it.platformDetail == 'unknown' }.removalRate", closeTo(0.0, 1e-9))
                .body("byCommunity.community", contains(null, "north", "south"))
                // Submissions without a community are labelled as such; communities by their names.
                .body("byCommunity.label", contains("no community", "North", "South"))
                .body("byCommunity.find { it.community == 'north' }.submissions", equalTo(2))
                .body("byCommunity.find { it.community == 'north' }.removed", equalTo(1))
                .body("byCommunity.find { it.community == 'south' }.removed", equalTo(1))
                .body("window.from", equalTo("2024-05-01T00:00:00Z"))
                .body("window.to", equalTo("2024-06-01T00:00:00Z"))
                .body("scope.role", equalTo("superadmin"))
                .body("scope.allCommunities", equalTo(true))
                .body("freshness.version", notNullValue())
                .body("freshness.changedAt", notNullValue())
                .body("freshness.ageSeconds", equalTo(60));
    }

    @Test
    void aCommunityManagerSeesOnlyTheirCommunities() {
        get(Tokens.communityManager("north"), MAY).statusCode(200)
                .body("submissions", equalTo(2))
                .body("removed", equalTo(1))
                // s1 within 14 days of submission, s2 only after 37.
                .body("removalRate", closeTo(0.5, 1e-9))
                .body("takedownSources.report_flow", equalTo(1))
                .body("takedownSources.legacy_fallback", equalTo(0))
                .body("byCommunity.community", contains("north"))
                .body("scope.role", equalTo("community-manager"))
                .body("scope.allCommunities", equalTo(false))
                .body("scope.communities", contains("north"));
    }

    @Test
    void aCommunityManagerWithoutCommunitiesSeesNothingNotEverything() {
        get(Tokens.communityManager(), MAY).statusCode(200)
                .body("submissions", equalTo(0))
                .body("removed", equalTo(0))
                .body("removalRate", nullValue())
                .body("byCommunity", empty())
                .body("scope.communities", empty());
    }

    @Test
    void askingForACommunityOutsideTheScopeIsForbiddenWhateverItsSpelling() {
        String manager = Tokens.communityManager("north");
        for (String tampered : List.of("&community=south", "&community=north&community=south", "&community=North",
                "&community=north%20", "&community=%6Eorth2")) {
            assertThat(given().auth().oauth2(manager).get(MAY + tampered).statusCode()).as(tampered).isEqualTo(403);
        }
        get(manager, MAY + "&community=north&community=north").statusCode(200).body("submissions", equalTo(2));
    }

    @Test
    void aCommunityThatDoesNotExistIsA400NamingIt() {
        String admin = Tokens.superadmin();
        get(admin, MAY + "&community=nowhere").statusCode(400)
                .body("error", equalTo("unknown_community"))
                .body("message", containsString("nowhere"))
                .body("details", contains("nowhere"));
        get(admin, MAY + "&community=north&community=nowhere&community=South").statusCode(400)
                .body("details", contains("nowhere", "South"));
        // A manager's own claim may name a community that is gone; outside their scope it is a 403 either way.
        String manager = Tokens.communityManager("north", "gone");
        get(manager, MAY + "&community=gone").statusCode(400).body("details", contains("gone"));
        get(manager, MAY + "&community=elsewhere").statusCode(403);
        get(manager, MAY).statusCode(200).body("submissions", equalTo(2));
    }

    @Test
    void aSuperadminCanNarrowToCommunities() {
        get(Tokens.superadmin(), MAY + "&community=south").statusCode(200)
                .body("submissions", equalTo(2))
                .body("removed", equalTo(1))
                .body("byCommunity.community", contains("south"))
                .body("scope.allCommunities", equalTo(false));
    }

    @Test
    void onlyValidTokensWithADashboardRoleGetIn() {
        given().get(MAY).then().statusCode(401);
        for (String token : List.of(Tokens.badSignature(), Tokens.wrongIssuer(), Tokens.expired(), Tokens.unsigned(),
                "not-a-token")) {
            get(token, MAY).statusCode(401);
        }
        get(Tokens.withoutRole(), MAY).statusCode(403);
        assertThat(given().get("/" + MAY).statusCode()).as("path tricks do not bypass the check").isIn(401, 404);
        assertThat(given().get("/api/v1/../api/v1/overview?from=2024-05-01&to=2024-06-01").statusCode())
                .as("a dot-dot path is no way in").isIn(401, 404);
    }

    @Test
    void badInputIsA400ThatSaysWhatIsWrong() {
        String admin = Tokens.superadmin();
        get(admin, "/api/v1/overview?to=2024-06-01").statusCode(400).body("message", containsString("from is required"));
        get(admin, "/api/v1/overview?from=yesterday&to=2024-06-01").statusCode(400)
                .body("error", equalTo("bad_request")).body("message", containsString("from 'yesterday'"));
        get(admin, "/api/v1/overview?from=2024-06-01&to=2024-05-01").statusCode(400)
                .body("message", containsString("from must be before to"));
        get(admin, MAY + "&tz=Mars/Olympus").statusCode(400).body("message", containsString("tz 'Mars/Olympus'"));
        get(admin, MAY + "&comunity=north").statusCode(400).body("message", containsString("unknown parameter(s): comunity"));
        get(Tokens.communityManager("north"), MAY + "&community=").statusCode(400)
                .body("message", containsString("community must be a community slug"));
    }

    @Test
    void aWindowThatIsNotWholeDaysCountsFromTheFacts() {
        // From noon on 2 May: s3's takedown (05-02 00:00) falls before the window, s1's and s6's inside it.
        get(Tokens.superadmin(), "/api/v1/overview?from=2024-05-02T12:00:00Z&to=2024-06-01").statusCode(200)
                .body("submissions", equalTo(5))
                .body("removed", equalTo(2))
                .body("removalRate", closeTo(0.4, 1e-9))
                .body("takedownSources.report_flow", equalTo(2))
                .body("takedownSources.legacy_fallback", equalTo(0))
                .body("byCommunity.community", contains(null, "north", "south"));
    }

    @Test
    void aChangeIsSeenByTheNextRequestWhichNamesItsVersion() throws Exception {
        int version = get(Tokens.superadmin(), MAY).statusCode(200).body("submissions", equalTo(5))
                .extract().path("freshness.version");
        try (var connection = ReadModelDatabase.connect(); var sql = connection.createStatement()) {
            // As the migrator writes a chunk: the rows and their facts, and a new version, in one transaction.
            sql.execute("""
                    BEGIN;
                    INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_updated_at, last_run_id)
                    VALUES (8, 2, 'x', 'x', 'url_host', 'new', '2024-05-30 10:00+00', now(), 1);
                    SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id = 8));
                    COMMIT;""");
        }

        get(Tokens.superadmin(), MAY).statusCode(200).body("submissions", equalTo(6))
                .body("freshness.version", equalTo(version + 1));
        get(Tokens.communityManager("south"), MAY).statusCode(200).body("submissions", equalTo(3));
    }

    @Test
    void noOriginIsAllowedByDefault() {
        given().auth().oauth2(Tokens.superadmin()).header("Origin", "https://somewhere.example.org").get(MAY)
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://somewhere.example.org").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/overview").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aTimeZoneShiftsTheWindow() {
        // Midnight in Berlin (UTC+2 in May) is 22:00 UTC the day before.
        get(Tokens.superadmin(), MAY + "&tz=Europe/Berlin").statusCode(200)
                .body("window.from", equalTo("2024-04-30T22:00:00Z"))
                .body("provenance.submissions.readFrom", hasItems("mv_submission_facts", "mv_daily_by_platform_rollup",
                        "mv_daily_by_community_rollup"));
    }

    @Test
    void everyNumberNamesTheBuiltInMetricItWasCompiledFrom() {
        var response = get(Tokens.superadmin(), MAY).statusCode(200);
        // The versions the overview dashboard pins (the later ones add dimensions, the numbers are the same).
        for (var number : Map.of("submissions", BuiltInMetrics.SUBMISSIONS_V1, "removed", BuiltInMetrics.REMOVALS_V1,
                "removalRate", BuiltInMetrics.REMOVAL_RATE_V2, "takedownSources", BuiltInMetrics.REMOVALS_BY_SOURCE_V1)
                .entrySet()) {
            response.body("provenance." + number.getKey() + ".metric", equalTo(number.getValue().key()))
                    .body("provenance." + number.getKey() + ".version",
                            equalTo(BuiltInMetrics.versionOf(number.getValue())))
                    .body("provenance." + number.getKey() + ".definitionHash",
                            equalTo(DefinitionHash.of(number.getValue())))
                    .body("provenance." + number.getKey() + ".readFrom", contains("mv_monthly_by_platform_rollup",
                            "mv_monthly_by_community_rollup"))
                    .body("provenance." + number.getKey() + ".rule", equalTo(number.getValue().description()));
        }
    }

    private static ValidatableResponse get(String token, String path) {
        return given().auth().oauth2(token).get(path).then();
    }
}
