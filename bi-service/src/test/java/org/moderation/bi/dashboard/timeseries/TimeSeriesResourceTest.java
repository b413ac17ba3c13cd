package org.moderation.bi.dashboard.timeseries;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.JsonNumbers;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.Tokens;

/** Buckets worked out by hand from {@link Fixture}. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class TimeSeriesResourceTest {

    private static final String Q2 = "&from=2024-04-01&to=2024-07-01";

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
    void monthlySubmissionsAndRemovalsWithZeroFilledGaps() {
        get(Tokens.superadmin(), "metric=submissions&granularity=month" + Q2).statusCode(200)
                .body("series", hasSize(1))
                .body("series[0].points.start", contains("2024-04-01", "2024-05-01", "2024-06-01"))
                // s3 in April; s1, s2, s4, s6, s7 in May; nothing in June (s5 is deleted).
                .body("series[0].points.value", contains(1, 5, 0));
        get(Tokens.superadmin(), "metric=removals&granularity=month" + Q2).statusCode(200)
                // May: s3 (05-02), s1 (05-05), s6 (05-16); June: s2 (06-10).
                .body("series[0].points.value", contains(0, 3, 1));
    }

    @Test
    void bucketsInAnotherTimeZoneAreCountedFromTheFacts() {
        // Months in Berlin start two hours before UTC's; no submission of the fixture lies in between.
        get(Tokens.superadmin(), "metric=submissions&granularity=month&tz=Europe/Berlin" + Q2).statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("window.from", equalTo("2024-03-31T22:00:00Z"))
                .body("series[0].points.value", contains(1, 5, 0));
        get(Tokens.superadmin(), "metric=removals&granularity=month&groupBy=platform&tz=Europe/Berlin" + Q2)
                .statusCode(200)
                .body("series.key", contains("meta", "x", "youtube"))
                .body("series.find { it.key == 'meta' }.points.value", contains(0, 1, 1));
    }

    @Test
    void theRemovalRateIsPerSubmissionBucketAndNullWithoutSubmissions() {
        // April: s3, taken down 12 days after submission; May: s1 and s6 within 14 days of five, s2 only after 37.
        get(Tokens.superadmin(), "metric=removal_rate&granularity=month" + Q2).statusCode(200)
                .body("series[0].points.value", contains(1.0, 0.4, null))
                .body("series[0].points.maturity.mature", contains(true, true, true))
                .body("series[0].points.maturity.maturesAt", contains("2024-05-15T00:00:00Z", "2024-06-15T00:00:00Z",
                        "2024-07-15T00:00:00Z"));
        // By now, s2 counts too; and nothing matures.
        get(Tokens.superadmin(), "metric=removal_rate_by_now&granularity=month" + Q2).statusCode(200)
                .body("series[0].points.value", contains(1.0, 0.6, null))
                .body("series[0].points.maturity", contains(nullValue(), nullValue(), nullValue()));
    }

    @Test
    void splitByPlatformFromTheRollup() {
        get(Tokens.superadmin(), "metric=removals&granularity=month&groupBy=platform" + Q2).statusCode(200)
                .body("series.key", contains("meta", "x", "youtube"))
                .body("series.find { it.key == 'meta' }.points.value", contains(0, 1, 1))
                .body("series.find { it.key == 'x' }.points.value", contains(0, 1, 0));
    }

    @Test
    void splitByTakedownSource() {
        get(Tokens.superadmin(), "metric=removals&granularity=month&groupBy=takedownSource" + Q2).statusCode(200)
                .body("groupBy", equalTo("takedownSource"))
                .body("series.key", contains("legacy_fallback", "report_flow"))
                .body("series.find { it.key == 'legacy_fallback' }.points.value", contains(0, 1, 1))
                .body("series.find { it.key == 'report_flow' }.points.value", contains(0, 2, 0));
    }

    @Test
    void daysAndIsoWeeks() {
        get(Tokens.superadmin(), "metric=submissions&granularity=day&from=2024-05-01&to=2024-05-04").statusCode(200)
                .body("series[0].points.start", contains("2024-05-01", "2024-05-02", "2024-05-03"))
                .body("series[0].points.value", contains(0, 0, 1));
        get(Tokens.superadmin(), "metric=submissions&granularity=week&from=2024-05-01&to=2024-05-13").statusCode(200)
                .body("series[0].points.start", contains("2024-04-29", "2024-05-06"))
                .body("series[0].points.value", contains(2, 0));
    }

    @Test
    void hoursOfTheLastDaysComeFromTheHourlyRollupAndALaterTakedownIsNotARemovalYet() throws Exception {
        OffsetDateTime hour;
        try (var connection = ReadModelDatabase.connect(); var sql = connection.createStatement()) {
            // As the migrator writes a chunk: rows, facts and rollups in one transaction. Submission 22's takedown is
            // dated tomorrow (a clock ahead): it counts as removed only once that time has come.
            sql.execute("""
                    BEGIN;
                    INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_removed_at, legacy_updated_at, last_run_id)
                    VALUES (21, 1, 'x', 'x', 'url_host', 'removed', date_trunc('hour', now()) - interval '170 minutes',
                            date_trunc('hour', now()) - interval '115 minutes', now(), 1),
                           (22, 1, 'x', 'x', 'url_host', 'removed', date_trunc('hour', now()) - interval '160 minutes',
                            now() + interval '1 day', now(), 1),
                           (23, 2, 'x', 'x', 'url_host', 'new', date_trunc('hour', now()) - interval '30 minutes',
                            NULL, now(), 1);
                    SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id IN (21, 22, 23)));
                    COMMIT;""");
            try (var rows = sql.executeQuery("SELECT date_trunc('hour', now())")) {
                rows.next();
                hour = rows.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
            }
        }
        freshness.poll();
        String window = "&from=" + hour.minusHours(4) + "&to=" + hour;

        get(Tokens.superadmin(), "metric=submissions&granularity=hour" + window).statusCode(200)
                .body("provenance.metric", equalTo("submissions"))
                .body("provenance.readFrom", contains("mv_hourly_total_rollup"))
                .body("series[0].points.start", contains(hour.minusHours(4).toString(), hour.minusHours(3).toString(),
                        hour.minusHours(2).toString(), hour.minusHours(1).toString()))
                .body("series[0].points.value", contains(0, 2, 0, 1));
        get(Tokens.superadmin(), "metric=removals&granularity=hour" + window).statusCode(200)
                .body("series[0].points.value", contains(0, 0, 1, 0));
        // The last hours' submissions are far younger than 14 days: every point is immature.
        get(Tokens.superadmin(), "metric=removal_rate&granularity=hour" + window).statusCode(200)
                .body("series[0].points.value", contains(null, 0.5, null, 0.0))
                .body("series[0].points.maturity.mature", contains(false, false, false, false))
                .body("series[0].points[3].maturity.maturesAt", equalTo(hour.plusDays(14).toInstant().toString()));
        // Kolkata's hours begin half past UTC's: they are read from quarter hours.
        get(Tokens.superadmin(), "metric=submissions&granularity=hour&tz=Asia/Kolkata" + window).statusCode(200)
                .body("provenance.readFrom", contains("mv_quarter_hourly_total_rollup"))
                .body("series[0].points.value", contains(0, 2, 0, 0, 1));
        String days = "from=" + hour.minusHours(4).toLocalDate() + "&to=" + hour.toLocalDate().plusDays(1);
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/overview?" + days).then().statusCode(200)
                .body("submissions", equalTo(3)).body("removed", equalTo(1))
                .body("removalRate", closeTo(1.0 / 3, 1e-9));
    }

    @Test
    void aCommunityManagerSeesTheirCommunitiesOnly() {
        get(Tokens.communityManager("north"), "metric=submissions&granularity=month&groupBy=community" + Q2)
                .statusCode(200)
                .body("series.key", contains("north"))
                .body("series[0].points.value", contains(0, 2, 0));
        get(Tokens.communityManager("north"), "metric=submissions&granularity=month&community=south" + Q2)
                .statusCode(403);
    }

    @Test
    void aCommunityThatDoesNotExistIsA400NamingIt() {
        get(Tokens.superadmin(), "metric=removals&granularity=month&community=south&community=nowhere" + Q2)
                .statusCode(400).body("error", equalTo("unknown_community")).body("details", contains("nowhere"));
        get(Tokens.superadmin(), "metric=removals&granularity=month&community=south" + Q2).statusCode(200);
    }

    @Test
    void badInputIsA400ThatSaysWhatIsWrong() {
        String admin = Tokens.superadmin();
        get(admin, "metric=clicks&granularity=month" + Q2).statusCode(400).body("message", containsString("metric must be"));
        get(admin, "metric=removals&granularity=minute" + Q2).statusCode(400)
                .body("message", containsString("granularity must be"));
        get(admin, "metric=removals&granularity=hour" + Q2).statusCode(400)
                .body("message", containsString("hourly buckets cover the last 7 days"));
        get(admin, "metric=removals&granularity=day&groupBy=colour" + Q2).statusCode(400)
                .body("message", containsString("groupBy must be"));
        get(admin, "metric=removals&granularity=day&from=1900-01-01&to=2024-01-01").statusCode(400)
                .body("message", containsString("more than 4000 days"));
        given().get("/api/v1/timeseries?metric=removals&granularity=day" + Q2).then().statusCode(401);
        get(Tokens.withoutRole(), "metric=removals&granularity=day" + Q2).statusCode(403);
    }

    @Test
    void bucketsTheWindowCoversInPartOrThatHaveNotEndedAreMarkedPartial() {
        // ISO weeks start on Monday (2024-05-13, 05-20, 05-27); the window runs from a Wednesday to a Tuesday.
        get(Tokens.superadmin(), "metric=submissions&granularity=week&from=2024-05-15&to=2024-05-28").statusCode(200)
                .body("series[0].points.start", contains("2024-05-13", "2024-05-20", "2024-05-27"))
                .body("series[0].points.from", contains("2024-05-15T00:00:00Z", "2024-05-20T00:00:00Z",
                        "2024-05-27T00:00:00Z"))
                .body("series[0].points.to", contains("2024-05-20T00:00:00Z", "2024-05-27T00:00:00Z",
                        "2024-05-28T00:00:00Z"))
                .body("series[0].points.partial", contains(true, false, true));
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        get(Tokens.superadmin(), "metric=submissions&granularity=month&from=" + thisMonth + "&to="
                + thisMonth.plusMonths(1)).statusCode(200)
                .body("series[0].points.partial", contains(true));
    }

    private static ValidatableResponse get(String token, String query) {
        return given().auth().oauth2(token).get("/api/v1/timeseries?" + query).then();
    }
}
