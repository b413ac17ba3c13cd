package org.moderation.bi.dashboard.dashboards;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.JsonNumbers;
import org.moderation.bi.dashboard.support.CacheLookups;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.dashboard.support.SettableClock;
import org.moderation.bi.shared.dashboards.DashboardBreakdown;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardTile;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * The page's numbers come from a dashboard definition in the catalog, each naming the metric and version it is; the
 * KPIs stand beside the period before. On the hand-built May 2024 of {@link Fixture}.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class DashboardResourceTest {

    private static final String MAY = "?from=2024-05-01&to=2024-06-01";

    @Inject
    SettableClock clock;

    @Inject
    ReadModelFreshness freshness;

    @BeforeAll
    static void numbersAsDoubles() {
        JsonNumbers.asDoubles();
    }

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        CatalogStub.up();
    }

    @AfterEach
    void catalogUp() {
        CatalogStub.up();
    }

    @Test
    void theOverviewDashboardIsTheBuiltInMetricsEachNamedWithItsVersion() {
        view(Tokens.superadmin(), "overview", MAY + "&granularity=week&compare=none").statusCode(200)
                .body("dashboard.key", equalTo("overview")).body("dashboard.version", equalTo(2))
                .body("dashboard.source", equalTo("catalog"))
                .body("kpis.id", contains("submissions", "removals", "removal_rate", "takedown_sources"))
                .body("kpis[0].value", closeTo(5.0, 1e-9))
                .body("kpis[1].value", closeTo(3.0, 1e-9))
                // Within 14 days of submission: s1 and s6 of May's five; s2 was taken down 37 days after it.
                .body("kpis[2].value", closeTo(0.4, 1e-9))
                .body("kpis[2].numerator", closeTo(2.0, 1e-9))
                .body("kpis[2].metric.key", equalTo("removal_rate")).body("kpis[2].metric.version", equalTo(2))
                .body("kpis[2].metric.horizon", equalTo("P14D"))
                .body("kpis[2].maturity.mature", equalTo(true))
                .body("kpis[2].maturity.maturesAt", equalTo("2024-06-15T00:00:00Z"))
                .body("kpis[0].maturity", nullValue())
                .body("series.lines[2].maturity.mature", everyItem(equalTo(true)))
                .body("series.lines[0].maturity", nullValue())
                .body("breakdowns[0].columns[2].maturity.mature", equalTo(true))
                .body("kpis[2].metric.followsLatest", equalTo(false))
                .body("kpis[2].metric.unit", equalTo("ratio"))
                .body("kpis[2].metric.readFrom", contains("mv_monthly_by_platform_rollup",
                        "mv_monthly_by_community_rollup"))
                .body("kpis.metric.countedBy", contains("submitted_at", "effective_takedown_at", "submitted_at",
                        "effective_takedown_at"))
                .body("kpis[3].breakdown.report_flow", closeTo(2.0, 1e-9))
                .body("kpis[3].breakdown.legacy_fallback", closeTo(1.0, 1e-9))
                // Each source is a share of the removals: every removal has exactly one.
                .body("kpis[3].shares.report_flow", closeTo(2.0 / 3, 1e-9))
                .body("kpis[3].shares.legacy_fallback", closeTo(1.0 / 3, 1e-9))
                .body("kpis[0].shares", nullValue())
                .body("kpis[2].shares", nullValue())
                .body("kpis[0].change", nullValue())
                .body("series.granularity", equalTo("week"))
                .body("series.buckets", hasSize(5))
                .body("series.buckets[0].partial", equalTo(true))
                .body("series.lines.id", contains("submissions", "removals", "removal_rate"))
                .body("breakdowns.id", contains("by_platform", "by_platform_detail", "by_community"))
                .body("breakdowns[2].rows.key", contains(null, "north", "south"))
                .body("breakdowns[2].rows.label", contains("no community", "North", "South"))
                // The takedown-source card holds the window's sources only, and each table's rows add up to its KPIs.
                .body("kpis[3].breakdown", aMapWithSize(2))
                .body("breakdowns.collect { t -> t.rows.collect { it.values[0] ?: 0 }.sum() }",
                        everyItem(closeTo(5.0, 1e-9)))
                .body("breakdowns.collect { t -> t.rows.collect { it.values[1] ?: 0 }.sum() }",
                        everyItem(closeTo(3.0, 1e-9)));
    }

    @Test
    void eachKpiStandsBesideTheSameNumberOfThePeriodBefore() {
        // April 2024 (30 days before the window): s3, submitted 20 April, taken down 2 May.
        view(Tokens.superadmin(), "overview", "?from=2024-05-01&to=2024-05-31").statusCode(200)
                .body("comparedWith.from", equalTo("2024-04-01T00:00:00Z"))
                .body("kpis[0].change.previous", closeTo(1.0, 1e-9))
                .body("kpis[0].change.absolute", closeTo(4.0, 1e-9))
                .body("kpis[0].change.relative", closeTo(4.0, 1e-9))
                .body("kpis[1].change.previous", closeTo(0.0, 1e-9))
                .body("kpis[1].change.relative", nullValue());
    }

    /**
     * A window whose submissions are younger than the removal rate's 14 days: its rate is marked immature (the KPI,
     * each bucket of the series still young, the breakdowns' column) and not compared with the period before, which is
     * mature and still given; counts have no horizon and are compared as ever. The CSV carries the same flags.
     */
    @Test
    void anImmatureRateIsMarkedEverywhereAndNotComparedWithTheMaturePeriodBefore() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        // Two submissions 3 days ago (one taken down a day later), two 40 days ago (both within two days), in the
        // period before. The window starts 27 days ago so that, whatever today's weekday, its first week ended 14 days
        // ago or more.
        ReadModelDatabase.execute("""
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, last_run_id)
                SELECT id, 1, 'x', 'x', 'url_host', 'new', date_trunc('day', now(), 'UTC') - ago * interval '1 day',
                       date_trunc('day', now(), 'UTC') - ago * interval '1 day' + taken * interval '1 day', now(), 1
                FROM (VALUES (101, 3, 1), (102, 3, NULL), (103, 40, 1), (104, 40, 2)) AS s (id, ago, taken);
                SELECT refresh_submission_facts();""");
        String window = "?from=" + today.minusDays(27) + "&to=" + today.plusDays(1) + "&granularity=week"
                + "&compare=previous";
        var view = view(Tokens.superadmin(), "overview", window).statusCode(200)
                .body("kpis[2].maturity.mature", equalTo(false))
                .body("kpis[2].maturity.maturesAt", equalTo(today.plusDays(15) + "T00:00:00Z"))
                .body("kpis[2].value", closeTo(0.5, 1e-9))
                .body("kpis[2].change.previous", closeTo(1.0, 1e-9))
                .body("kpis[2].change.previousMaturity.mature", equalTo(true))
                .body("kpis[2].change.absolute", nullValue())
                .body("kpis[2].change.relative", nullValue())
                .body("kpis[2].change.notCompared", org.hamcrest.Matchers.startsWith("not compared: this window is "
                        + "immature, its submissions are not all 14 days old until " + today.plusDays(15)))
                .body("kpis[0].change.notCompared", nullValue())
                .body("kpis[0].change.absolute", notNullValue())
                .body("breakdowns[0].columns[2].maturity.mature", equalTo(false))
                .extract().jsonPath();
        // The series' buckets mature one after another: the last ones, younger than 14 days, are immature.
        List<Boolean> mature = view.getList("series.lines[2].maturity.mature", Boolean.class);
        assertThat(mature.getLast()).isFalse();
        assertThat(mature).containsAnyOf(true).as("weeks that ended 14 days ago or more");
        assertThat(view.getList("series.lines[0].maturity")).isNull();

        String csv = given().auth().oauth2(Tokens.superadmin()).accept("text/csv")
                .get("/api/v1/dashboards/overview/view" + window).then().statusCode(200).extract().asString();
        assertThat(csv).contains("removal_rate v2 (ratio, horizon P14D: mature false means the submissions are "
                + "younger and it can still rise)");
        List<String> rows = csv.lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(rows.getFirst()).isEqualTo(String.join(",", "section", "id", "label", "metric", "version", "unit",
                "key", "from", "to", "value", "numerator", "denominator", "partial", "mature", "matures_at", "previous",
                "change", "not_compared"));
        assertThat(rows).filteredOn(r -> r.startsWith("kpi,removal_rate,")).singleElement().asString()
                .contains(",false," + today.plusDays(15) + "T00:00:00Z,").contains("not compared: this window is "
                        + "immature");
        assertThat(rows).filteredOn(r -> r.startsWith("series,removal_rate,")).hasSize(mature.size())
                .last().asString().contains(",false,");
        assertThat(rows).filteredOn(r -> r.startsWith("kpi,submissions,")).singleElement().asString()
                .doesNotContain("not compared");
    }

    @Test
    void onePageMayShowTwoVersionsOfAMetricEachNamedWithItsVersion() {
        CatalogStub.publishDashboard(new DashboardDefinition("versions", "Versions", "Pinned and following.",
                List.of(new DashboardTile("pinned", CatalogStub.TWO_PUBLISHED, 1, null),
                        new DashboardTile("latest", CatalogStub.TWO_PUBLISHED, null, null)),
                List.of(), List.of(new DashboardBreakdown("by_platform", "platform",
                        List.of(new DashboardTile("latest", CatalogStub.TWO_PUBLISHED, null, null))))));

        view(Tokens.communityManager("north", "south"), "versions", MAY + "&compare=none").statusCode(200)
                .body("kpis.label", contains("Removals (removals_reported)", "Removals (removals_reported)"))
                .body("kpis.metric.version", contains(1, 2))
                .body("kpis.metric.followsLatest", contains(false, true))
                .body("kpis.metric.rule", contains("Submissions whose effective takedown time (earliest report "
                        + "takedown, else the legacy removed_at) falls in the window.",
                        "Removals from the report flow only."))
                .body("kpis.value", contains(closeTo(2.0, 1e-9), closeTo(1.0, 1e-9)))
                .body("series", nullValue())
                .body("breakdowns[0].rows.key", contains("meta"));
    }

    @Test
    void theOverviewEndpointShowsTheOverviewDashboardsNumbers() {
        for (String token : List.of(Tokens.superadmin(), Tokens.communityManager("north"))) {
            var dashboard = view(token, "overview", MAY + "&compare=none").statusCode(200).extract().jsonPath();
            var overview = given().auth().oauth2(token).get("/api/v1/overview" + MAY).then().statusCode(200)
                    .extract().jsonPath();

            assertThat(overview.getDouble("submissions")).isEqualTo(dashboard.getDouble("kpis[0].value"));
            assertThat(overview.getDouble("removed")).isEqualTo(dashboard.getDouble("kpis[1].value"));
            assertThat(overview.getDouble("removalRate")).isEqualTo(dashboard.getDouble("kpis[2].value"));
            assertThat(overview.getMap("takedownSources").keySet())
                    .isEqualTo(dashboard.getMap("kpis[3].breakdown").keySet());
            assertThat(overview.getList("byCommunity.community"))
                    .isEqualTo(dashboard.getList("breakdowns[2].rows.key"));
            assertThat(overview.getList("byCommunity.submissions", Double.class)).isEqualTo(dashboard.getList(
                    "breakdowns[2].rows.collect { it.values[0] ?: 0 }", Double.class));
            assertThat(overview.getList("byPlatform.removed", Double.class)).isEqualTo(dashboard.getList(
                    "breakdowns[0].rows.collect { it.values[1] ?: 0 }", Double.class));
            assertThat(overview.getString("provenance.removalRate.definitionHash"))
                    .isEqualTo(dashboard.getString("kpis[2].metric.definitionHash"));
        }
    }

    /**
     * Dimension filters narrow every number of the view, the comparison's too. May's conspiracy: s1 (removed 5 May,
     * within 14 days, by its report) and s2 (removed in June).
     */
    @Test
    void everyNumberOfAViewIsNarrowedByItsDimensionFilters() {
        view(Tokens.superadmin(), "overview", MAY + "&granularity=week&compare=none&category=conspiracy")
                .statusCode(200)
                .body("filters.category", equalTo("conspiracy")).body("warnings", empty())
                .body("kpis[0].value", closeTo(2.0, 1e-9))
                .body("kpis[1].value", closeTo(1.0, 1e-9))
                .body("kpis[2].value", closeTo(0.5, 1e-9))
                .body("kpis[3].breakdown.report_flow", closeTo(1.0, 1e-9))
                // s2's legacy fallback falls in June: no removal in May, whether a rollup's row says 0 or none does.
                .body("kpis[3].breakdown.legacy_fallback", anyOf(nullValue(), closeTo(0.0, 1e-9)))
                .body("breakdowns[0].rows.key", contains("meta"))
                .body("breakdowns[2].rows.key", contains("north"))
                .body("series.lines[0].values.sum()", closeTo(2.0, 1e-9));
        // A platform and a category: s1 alone (s6, the other holocaust denial, is on YouTube).
        view(Tokens.superadmin(), "overview", MAY + "&compare=none&platform=meta&category=holocaust_denial")
                .statusCode(200).body("kpis[0].value", closeTo(1.0, 1e-9))
                .body("filters.platform", equalTo("meta"));
        // April's slur (s3) is the period before; it was removed on 2 May.
        view(Tokens.superadmin(), "overview", "?from=2024-05-01&to=2024-05-31&category=slur").statusCode(200)
                .body("kpis[0].value", closeTo(0.0, 1e-9))
                .body("kpis[0].change.previous", closeTo(1.0, 1e-9))
                .body("kpis[1].value", closeTo(1.0, 1e-9))
                .body("kpis[3].breakdown.legacy_fallback", closeTo(1.0, 1e-9));
        // #jews: s2 (north) and s7 (south); north's manager sees s2 alone.
        view(Tokens.communityManager("north"), "overview", MAY + "&compare=none&hashtag=jews").statusCode(200)
                .body("kpis[0].value", closeTo(1.0, 1e-9)).body("kpis[1].value", closeTo(0.0, 1e-9));
    }

    @Test
    void aFilterIsCheckedAndAValueNeverSeenIsSaidNotHiddenInZeros() {
        view(Tokens.superadmin(), "overview", MAY + "&reportChannel=fax").statusCode(400)
                .body("error", equalTo("bad_request")).body("message", containsString("reportChannel"));
        view(Tokens.superadmin(), "overview", MAY + "&platform=myspace").statusCode(400)
                .body("message", containsString("platform 'myspace' is not one of"));
        view(Tokens.superadmin(), "overview", MAY + "&category=slur&category=conspiracy").statusCode(400)
                .body("message", containsString("given more than once: category"));
        view(Tokens.superadmin(), "overview", MAY + "&colour=red").statusCode(400)
                .body("message", containsString("unknown parameter(s): colour"));
        view(Tokens.superadmin(), "overview", MAY + "&compare=none&hashtag=nwoo").statusCode(200)
                .body("kpis[0].value", closeTo(0.0, 1e-9))
                .body("warnings.path", contains("hashtag"))
                .body("warnings[0].message", containsString("closest seen: 'nwo'"));
    }

    @Test
    void everyRoleRuleHolds() {
        given().get("/api/v1/dashboards/overview/view" + MAY).then().statusCode(401);
        view(Tokens.withRoles("viewer"), "overview", MAY).statusCode(403);
        view(Tokens.communityManager("north"), "overview", MAY + "&community=south").statusCode(403);
        view(Tokens.superadmin(), "overview", MAY + "&compare=last_year").statusCode(400);
        view(Tokens.superadmin(), "nothing_here", MAY).statusCode(404);
    }

    @Test
    void aBucketOfAKeptAnswerIsPartialUntilItEndsAsOfEachRequest() {
        String twoDays = "?from=2024-05-01&to=2024-05-03&granularity=day&compare=none";
        try {
            clock.set(Instant.parse("2024-05-02T12:00:00Z"));
            view(Tokens.superadmin(), "overview", twoDays).statusCode(200)
                    .body("series.buckets.partial", contains(false, true));
            double hits = CacheLookups.answers("hit");

            clock.set(Instant.parse("2024-05-03T00:00:00Z"));
            view(Tokens.superadmin(), "overview", twoDays).statusCode(200)
                    .body("series.buckets.partial", contains(false, false));
            assertThat(CacheLookups.answers("hit") - hits).as("the second view is the kept answer").isEqualTo(1);
        } finally {
            clock.reset();
        }
    }

    /** The view of a kept answer is built once; a community's new name still reaches it with the next poll. */
    @Test
    void aKeptViewLabelsItsRowsWithTheCommunitiesNamesAsLastRead() throws Exception {
        view(Tokens.superadmin(), "overview", MAY).statusCode(200)
                .body("breakdowns[2].rows.label", contains("no community", "North", "South"));
        double hits = CacheLookups.answers("hit");

        // A change to no month of the window: the answer stays kept.
        ReadModelDatabase.execute("UPDATE communities SET name = 'Nord' WHERE slug = 'north'; "
                + "UPDATE read_model_version SET version = version + 1, changed_at = now()");
        freshness.poll();

        view(Tokens.superadmin(), "overview", MAY).statusCode(200)
                .body("breakdowns[2].rows.label", contains("no community", "Nord", "South"));
        assertThat(CacheLookups.answers("hit") - hits).as("the second view is the kept answer").isEqualTo(1);
    }

    private static ValidatableResponse view(String token, String key, String query) {
        return given().auth().oauth2(token).get("/api/v1/dashboards/" + key + "/view" + query).then();
    }
}
