package org.moderation.bi.dashboard.metrics.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.JsonNumbers;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class MetricQueryResourceTest {

    @Inject
    ReadModelFreshness freshness;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void fixture() throws Exception {
        JsonNumbers.asDoubles();
        Fixture.load();
        freshness.poll();
        CatalogStub.up();
        // A test that took the catalog down may have opened the breaker; each test starts with the catalog closed.
        breakers.resetAll();
    }

    @Test
    void theBuiltInMetricsGiveTheOverviewsNumbersForEveryWindowAndScope() {
        var windows = List.of(new String[] {"2024-05-01", "2024-06-01"}, new String[] {"2024-04-01", "2025-01-01"},
                new String[] {"2024-05-03T11:00:00Z", "2024-05-16T06:00:00Z"}, new String[] {"2023-01-01", "2023-02-01"});
        var callers = Map.of(
                "superadmin", Tokens.superadmin(), "north manager", Tokens.communityManager("north"),
                "south manager", Tokens.communityManager("south"), "manager of nothing", Tokens.communityManager());
        for (String[] window : windows) {
            for (var caller : callers.entrySet()) {
                String why = caller.getKey() + " " + window[0] + ".." + window[1];
                JsonPath overview = given().auth().oauth2(caller.getValue())
                        .get("/api/v1/overview?from=" + window[0] + "&to=" + window[1]).then().statusCode(200)
                        .extract().jsonPath();
                Map<String, Object> body = Map.of("from", window[0], "to", window[1]);

                assertThat(total("submissions", caller.getValue(), body)).as(why)
                        .isEqualTo(overview.getDouble("submissions"));
                assertThat(total("removals", caller.getValue(), body)).as(why).isEqualTo(overview.getDouble("removed"));
                Object rate = overview.get("removalRate");
                assertThat(total("removal_rate", caller.getValue(), body)).as(why)
                        .isEqualTo(rate == null ? null : ((Number) rate).doubleValue());
                var sources = query("removals_by_source", caller.getValue(), body).getList("rows", Map.class);
                var bySource = new HashMap<String, Double>(Map.of("report_flow", 0.0, "legacy_fallback", 0.0));
                sources.forEach(row -> bySource.put((String) ((Map<?, ?>) row.get("group")).get("takedown_source"),
                        ((Number) row.get("value")).doubleValue()));
                assertThat(bySource).as(why).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "report_flow", overview.getDouble("takedownSources.report_flow"),
                        "legacy_fallback", overview.getDouble("takedownSources.legacy_fallback")));
            }
        }
    }

    @Test
    void theMedianTimeToTakedownIsWorkedOutByHand() {
        // May's removals: s3 after 278 h, s1 after 38 h (its earliest report), s6 after 14 h; the median is 38 h.
        Map<String, Object> may = Map.of("from", "2024-05-01", "to", "2024-06-01");
        assertThat(total("median_time_to_takedown", Tokens.superadmin(), may)).isEqualTo(38 * 3600.0);
        assertThat(total("median_time_to_takedown", Tokens.communityManager("south"), may)).isEqualTo(278 * 3600.0);
    }

    @Test
    void aRatioIsDividedFromSummedPartsPerBucketAndGroupAndNamesItsProvenance() {
        var rate = BuiltInMetrics.REMOVAL_RATE;
        given().auth().oauth2(Tokens.communityManager("north")).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-04-01", "to", "2024-07-01", "granularity", "month", "groupBy", List.of("platform")))
                .post("/api/v1/metrics/removal_rate/query").then().statusCode(200)
                .body("provenance.metric", equalTo("removal_rate")).body("provenance.version", equalTo(3))
                .body("provenance.status", equalTo("published"))
                .body("provenance.definitionHash", equalTo(DefinitionHash.of(rate)))
                .body("provenance.readModelVersion", notNullValue())
                .body("provenance.readModelChangedAt", notNullValue())
                .body("provenance.scope.role", equalTo("community-manager"))
                .body("provenance.scope.communities", contains("north"))
                // North in May: s1 (removed in May) and s2 (in June) on meta; nothing in April or June submitted.
                .body("rows.size()", equalTo(1))
                .body("rows[0].bucket", equalTo("2024-05-01T00:00:00Z"))
                .body("rows[0].group.platform", equalTo("meta"))
                // Within 14 days of submission: s1 (2 days), not s2 (37).
                .body("rows[0].numerator", equalTo(1.0)).body("rows[0].denominator", equalTo(2.0))
                .body("rows[0].value", equalTo(0.5))
                .body("rows[0].maturity.mature", equalTo(true))
                .body("rows[0].maturity.maturesAt", equalTo("2024-06-15T00:00:00Z"));
    }

    @Test
    void aManyValuedDimensionCountsEachSubmissionOnceInEachOfItsGroupsAndOnceInTheTotal() {
        // May: s1 {holocaust_denial, conspiracy}, s2 {conspiracy}, s4, s6 {holocaust_denial}, s7; s3 is April's.
        JsonPath byCategory = query("submissions", Tokens.superadmin(),
                Map.of("from", "2024-05-01", "to", "2024-06-01", "groupBy", List.of("category")));
        assertThat(values(byCategory, "rows", "category")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "holocaust_denial", 2.0, "conspiracy", 2.0, "(none)", 2.0));
        assertThat(byCategory.getDouble("total[0].value")).as("five submissions, not the groups' six").isEqualTo(5.0);
        assertThat(byCategory.getString("overlap")).contains("category").contains("more than the total");

        JsonPath north = query("submissions", Tokens.communityManager("north"),
                Map.of("from", "2024-05-01", "to", "2024-06-01", "groupBy", List.of("category")));
        assertThat(values(north, "rows", "category")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "holocaust_denial", 1.0, "conspiracy", 2.0));
        assertThat(north.getDouble("total[0].value")).isEqualTo(2.0);

        var both = Map.of("column", "category", "op", "all_of", "values", List.of("holocaust_denial", "conspiracy"));
        assertThat(total("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01",
                "filters", List.of(both)))).isEqualTo(1.0);
    }

    @Test
    void eachGroupIsComparedWithTheWindowBeforeInTheSameSnapshot() throws Exception {
        // The 31 days before May: s3 alone (south, slur, no hashtag, taken down 12 days after it came).
        JsonPath byHashtag = query("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01",
                "groupBy", List.of("hashtag"), "compare", "previous"));
        assertThat(previous(byHashtag, "rows", "hashtag")).containsExactlyInAnyOrderEntriesOf(Map.of("nwo", 0.0,
                "jews", 0.0, "(none)", 1.0));
        assertThat(byHashtag.getDouble("total[0].previous")).isEqualTo(1.0);
        // The changes are worked out by the engine: none relative to a count of 0.
        Map<String, Object> nwo = byHashtag.getMap("rows.find { it.group.hashtag == 'nwo' }");
        assertThat(((Number) nwo.get("change")).doubleValue()).isEqualTo(((Number) nwo.get("value")).doubleValue());
        assertThat(nwo).doesNotContainKey("relativeChange");
        double total = byHashtag.getDouble("total[0].value");
        assertThat(byHashtag.getDouble("total[0].change")).isEqualTo(total - 1);
        assertThat(byHashtag.getDouble("total[0].relativeChange")).isEqualTo(total - 1);
        assertThat(byHashtag.getString("compared.comparison")).isEqualTo("previous");
        assertThat(byHashtag.getString("compared.from")).isEqualTo("2024-03-31T00:00:00Z");
        assertThat(byHashtag.getString("compared.to")).isEqualTo("2024-05-01T00:00:00Z");

        // A top N compares the groups it shows, each counted as alone; "other" is not compared.
        JsonPath top = query("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01",
                "groupBy", List.of("category"), "top", 1, "compare", "previous"));
        assertThat(previous(top, "rows", "category")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "conspiracy", 0.0, "(none)", 0.0));
        assertThat(top.getDouble("total[0].previous")).isEqualTo(1.0);
        assertThat(top.getMap("other[0]")).doesNotContainKey("previous");
        // April's s3 gets #nwo: the top 2 hashtags compare nwo with 1 submission before, jews with none.
        ReadModelDatabase.execute("INSERT INTO submission_hashtags (submission_id, hashtag_id) SELECT s.id, h.id "
                + "FROM submissions s, hashtags h WHERE s.legacy_id = 3 AND h.tag = 'nwo'; "
                + "SELECT refresh_submission_facts(); UPDATE read_model_version SET version = version + 1");
        freshness.poll();
        JsonPath hashtags = query("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to",
                "2024-06-01", "groupBy", List.of("hashtag"), "top", 2, "compare", "previous"));
        assertThat(previous(hashtags, "rows", "hashtag")).containsExactlyInAnyOrderEntriesOf(Map.of("nwo", 1.0,
                "jews", 0.0, "(none)", 0.0));

        // A rate of a group without submissions before has no previous value, not 0 %.
        JsonPath rate = query("removal_rate", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01",
                "groupBy", List.of("community"), "compare", "previous"));
        assertThat(previous(rate, "rows", "community")).containsExactlyInAnyOrderEntriesOf(Map.of("south", 1.0));
        assertThat(rate.getDouble("total[0].previous")).isEqualTo(1.0);
        // The last week's removal rate is immature (14 days): not compared with the week before, where a submission
        // of 10 days ago was taken down a day after; its submissions' count is.
        ReadModelDatabase.execute("""
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, deleted_at, last_run_id)
                VALUES (90, 1, 'meta', 'facebook', 'url_host', 'removed', now() - interval '10 days',
                        now() - interval '9 days', now(), NULL, 1);
                SELECT refresh_submission_facts();
                UPDATE read_model_version SET version = version + 1;""");
        freshness.poll();
        String weekAgo = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(7).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        JsonPath young = query("removal_rate", Tokens.superadmin(), Map.of("from", weekAgo, "to", tomorrow,
                "compare", "previous"));
        assertThat(young.getBoolean("rows[0].maturity.mature")).isFalse();
        assertThat(young.getMap("rows[0]")).doesNotContainKey("previous");
        assertThat(query("submissions", Tokens.superadmin(), Map.of("from", weekAgo, "to", tomorrow, "compare",
                "previous")).getDouble("rows[0].previous")).isEqualTo(1.0);
        // A year before, nothing: a count of 0.
        assertThat(query("submissions", Tokens.communityManager("north"), Map.of("from", "2024-05-01", "to",
                "2024-06-01", "compare", "year")).getDouble("rows[0].previous")).isEqualTo(0.0);
        // Without compare, no previous anywhere.
        assertThat(query("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01"))
                .getMap("rows[0]")).doesNotContainKey("previous");

        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01", "granularity", "week", "compare", "previous"))
                .post("/api/v1/metrics/submissions/query").then().statusCode(400)
                .body("details", hasItem("$.compare: compares the window's totals and groups, not its buckets: leave "
                        + "granularity out"));
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01", "compare", "last_week"))
                .post("/api/v1/metrics/submissions/query").then().statusCode(400)
                .body("details", hasItem("$.compare: must be previous (the same length just before), year (a year "
                        + "earlier) or none"));
    }

    @Test
    void aTopNCountsTheRestAsOtherOnceEachAndTheTotalApart() {
        // May's hashtags: nwo on s1, s2; jews on s2, s7; none on s4, s6. The tie goes to the first in order: jews.
        JsonPath top = query("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01",
                "groupBy", List.of("hashtag"), "top", 1));
        assertThat(values(top, "rows", "hashtag")).containsExactlyInAnyOrderEntriesOf(Map.of("jews", 2.0,
                "(none)", 2.0));
        assertThat(top.getList("other")).hasSize(1);
        assertThat(top.getDouble("other[0].value")).as("s1 and s2 have nwo; s2 counts once though it has jews too")
                .isEqualTo(2.0);
        assertThat(top.getDouble("total[0].value")).isEqualTo(5.0);

        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01", "groupBy", List.of(), "top", 0,
                        "filters", List.of(Map.of("column", "category", "op", "eq", "value", "Holocaust Denial"))))
                .post("/api/v1/metrics/submissions/query").then().statusCode(400)
                .body("details", hasItem("$.top: must be 1 to 100"))
                .body("details", hasItem("$.filters[0].value: 'Holocaust Denial' is not how category values are "
                        + "kept; write 'holocaust_denial'"));
    }

    @Test
    void aHashtagNoSubmissionHadCountsNothingAndTheAnswerSaysSoNamingTheClosestSeen() {
        JsonPath typo = query("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01",
                "filters", List.of(Map.of("column", "hashtag", "op", "in", "values", List.of("nwoo", "jews")))));
        assertThat(typo.getDouble("rows[0].value")).as("s2 and s7 have jews").isEqualTo(2.0);
        assertThat(typo.getList("warnings.path")).containsExactly("$.filters[0].values[0]");
        assertThat(typo.getString("warnings[0].message")).isEqualTo("no submission has had the hashtag 'nwoo' yet: "
                + "it counts nothing until one does; closest seen: 'nwo'");

        JsonPath seen = query("submissions", Tokens.superadmin(), Map.of("from", "2024-05-01", "to", "2024-06-01",
                "filters", List.of(Map.of("column", "hashtag", "op", "eq", "value", "nwo"))));
        assertThat(seen.getList("warnings")).isEmpty();
    }

    @Test
    void theMedianTimeFromReportToTakedownIsPerTheChannelOfTheEffectiveTakedown() {
        // s1: report 12 (platform_form) at 13:00 on May 3, taken down May 5: 35 h; s6: trusted_flagger, 12 h.
        JsonPath byChannel = query("median_report_to_takedown", Tokens.superadmin(),
                Map.of("from", "2024-05-01", "to", "2024-06-01", "groupBy", List.of("takedown_channel")));
        assertThat(values(byChannel, "rows", "takedown_channel")).containsEntry("platform_form", 35 * 3600.0)
                .containsEntry("trusted_flagger", 12 * 3600.0);
    }

    @Test
    void aDerivedMetricComputesItsArithmeticPerGroup() {
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01", "groupBy", List.of("community")))
                .post("/api/v1/metrics/" + CatalogStub.DERIVED + "/query").then().statusCode(200)
                // north: removals s1 / submissions s1, s2; south: s3 / s4, s7; none: s6 / s6
                .body("rows.find { it.group.community == 'north' }.value", equalTo(0.5))
                .body("rows.find { it.group.community == 'south' }.value", equalTo(0.5))
                .body("rows.find { it.group.community == null }.value", equalTo(1.0));
    }

    @Test
    void onlyASuperadminNamingItGetsADraftOrDeprecatedVersion() {
        Map<String, Object> may = Map.of("from", "2024-05-01", "to", "2024-06-01");
        String path = "/api/v1/metrics/" + CatalogStub.VERSIONED + "/query";
        // v1 counts May's submissions (5), deprecated v2 sums the reports of May's submissions (s1's three and s6's
        // one: 4), the v3 draft counts May's removals (3).
        assertThat(total(CatalogStub.VERSIONED, Tokens.superadmin(), may)).isEqualTo(5.0);
        assertThat(total(CatalogStub.VERSIONED, Tokens.superadmin(), withVersion(may, 2))).isEqualTo(4.0);
        assertThat(total(CatalogStub.VERSIONED, Tokens.superadmin(), withVersion(may, 3))).isEqualTo(3.0);
        // The catalog shows a community manager published versions only: to them the others do not exist.
        for (int version : new int[] {2, 3}) {
            given().auth().oauth2(Tokens.communityManager("north")).contentType(ContentType.JSON)
                    .body(withVersion(may, version)).post(path).then().statusCode(404)
                    .body("error", equalTo("not_found"));
        }
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON).body(withVersion(may, 9)).post(path)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON).body(may)
                .post("/api/v1/metrics/no_such_metric/query").then().statusCode(404);
        CatalogStub.server().verify(getRequestedFor(urlEqualTo("/api/v1/metrics/" + CatalogStub.VERSIONED))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
    }

    @Test
    void whenTheCatalogIsDownVersionsSeenBeforeKeepWorkingAndOthersAre503() {
        Map<String, Object> may = Map.of("from", "2024-05-01", "to", "2024-06-01");
        assertThat(total("submissions", Tokens.superadmin(), may)).isEqualTo(5.0);

        CatalogStub.down();

        assertThat(total("submissions", Tokens.superadmin(), may)).isEqualTo(5.0);
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON).body(may)
                .post("/api/v1/metrics/" + CatalogStub.NEVER_SEEN + "/query").then().statusCode(503)
                .body("error", equalTo("catalog_unavailable"));
    }

    @Test
    void theScopeIsAppliedAndACommunityOutsideItIs403() {
        String path = "/api/v1/metrics/submissions/query";
        for (Object community : List.of("south", "North", "north ", "NORTH")) {
            given().auth().oauth2(Tokens.communityManager("north")).contentType(ContentType.JSON)
                    .body(Map.of("from", "2024-05-01", "to", "2024-06-01",
                            "filters", List.of(Map.of("column", "community", "op", "in", "values", List.of("north", community)))))
                    .post(path).then().statusCode(403).body("error", equalTo("out_of_scope"));
        }
        given().auth().oauth2(Tokens.communityManager("north")).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01", "groupBy", List.of("community")))
                .post(path).then().statusCode(200).body("rows.group.community", contains("north"));
        given().auth().oauth2(Tokens.communityManager()).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-06-01")).post(path).then().statusCode(200)
                .body("rows[0].value", equalTo(0.0));
    }

    @Test
    void aCommunityThatDoesNotExistIsA400NamingIt() {
        String path = "/api/v1/metrics/submissions/query";
        for (var filter : List.of(Map.of("column", "community", "op", "eq", "value", "nowhere"),
                Map.of("column", "community", "op", "in", "values", List.of("north", "nowhere")))) {
            given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                    .body(Map.of("from", "2024-05-01", "to", "2024-06-01", "filters", List.of(filter)))
                    .post(path).then().statusCode(400).body("error", equalTo("unknown_community"))
                    .body("details", contains("nowhere"));
        }
    }

    /** Jackson would have read 1.9 as version 1, and a version past int's range as a malformed body. */
    @Test
    void aVersionThatIsNoWholeNumberIsA400NamingIt() {
        for (String version : List.of("1.9", "\"one\"", "99999999999")) {
            given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                    .body("{\"version\": " + version + ", \"from\": \"2024-05-01\", \"to\": \"2024-06-01\"}")
                    .post("/api/v1/metrics/submissions/query").then().statusCode(400)
                    .body("error", equalTo("invalid_json"))
                    .body("details", contains(org.hamcrest.Matchers.matchesPattern(
                            "\\$\\.version: a (wrong type|number out of range) at \\$\\.version: expected a whole number")));
        }
    }

    @Test
    void tokensAreCheckedBeforeAnything() {
        String path = "/api/v1/metrics/submissions/query";
        Map<String, Object> may = Map.of("from", "2024-05-01", "to", "2024-06-01");
        given().contentType(ContentType.JSON).body(may).post(path).then().statusCode(401);
        for (String token : List.of(Tokens.badSignature(), Tokens.expired(), Tokens.wrongIssuer(), Tokens.unsigned())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(may).post(path).then().statusCode(401);
        }
        given().auth().oauth2(Tokens.withoutRole()).contentType(ContentType.JSON).body(may).post(path).then().statusCode(403);
    }

    @Test
    void badQueriesAre400sListingEveryProblem() {
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-06-01", "to", "2024-05-01", "granularity", "minute",
                        "groupBy", List.of("status", "platform", "platform"),
                        "filters", List.of(Map.of("column", "report_count", "op", "gt", "value", "many"))))
                .post("/api/v1/metrics/submissions/query").then().statusCode(400)
                .body("error", equalTo("invalid_query"))
                .body("details", hasItem("$.to: must be after from"))
                .body("details", hasItem(org.hamcrest.Matchers.startsWith("$.granularity: ")))
                .body("details", hasItem(org.hamcrest.Matchers.startsWith("$.groupBy[0]: ")))
                .body("details", hasItem("$.groupBy[2]: is listed twice"))
                .body("details", hasItem("$.filters[0].value: must be a number for report_count"));
    }

    private static Map<String, Object> withVersion(Map<String, Object> body, int version) {
        var copy = new HashMap<>(body);
        copy.put("version", version);
        return copy;
    }

    /** A grouped answer's values by their group's value of {@code dimension} ("(none)" without one). */
    private static Map<String, Double> values(JsonPath answer, String rows, String dimension) {
        var values = new HashMap<String, Double>();
        answer.getList(rows, Map.class).forEach(row -> {
            Object group = ((Map<?, ?>) row.get("group")).get(dimension);
            Object value = row.get("value");
            values.put(group == null ? "(none)" : (String) group, value == null ? null : ((Number) value).doubleValue());
        });
        return values;
    }

    private static Double total(String metric, String token, Map<String, Object> body) {
        JsonPath answer = query(metric, token, body);
        assertThat(answer.getList("rows")).hasSize(1);
        Object value = answer.get("rows[0].value");
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** Each row's value over the window compared with, by its group's value of {@code dimension}; rows without one left out. */
    private static Map<String, Double> previous(JsonPath answer, String rows, String dimension) {
        var values = new HashMap<String, Double>();
        answer.getList(rows, Map.class).stream().filter(row -> row.get("previous") != null).forEach(row -> {
            Object group = ((Map<?, ?>) row.get("group")).get(dimension);
            values.put(group == null ? "(none)" : (String) group, ((Number) row.get("previous")).doubleValue());
        });
        return values;
    }

    private static JsonPath query(String metric, String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/metrics/" + metric + "/query").then().statusCode(200).body("rows", notNullValue())
                .extract().jsonPath();
    }
}
