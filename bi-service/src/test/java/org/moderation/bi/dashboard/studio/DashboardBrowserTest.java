package org.moderation.bi.dashboard.studio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.DemoCommunitiesFixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.KeycloakServer;

/**
 * The dashboard page as a person uses it: logs in at a real Keycloak with the local realm's demo users (authorization
 * code with PKCE, as the realm requires of the page's client), and shows the same numbers as the API gives the same
 * user, within their scope. Screenshots go to target/dashboard-*.png.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(KeycloakServer.class)
@WithTestResource(CatalogStub.class)
class DashboardBrowserTest {

    private static final String MAY = "from=2024-05-01&to=2024-06-01";
    private static final String GRANULARITY = "week";

    @Inject
    ReadModelFreshness freshness;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void fixture() throws Exception {
        DemoCommunitiesFixture.load();
        freshness.poll();
    }

    @Test
    void aSuperadminSeesEveryCommunityWithTheApisNumbers() throws Exception {
        String token = KeycloakServer.accessToken("superadmin", "superadmin-demo-only");
        JsonPath overview = api(token, "/api/v1/overview?" + MAY);
        // s1-s6 and s8 submitted in May; s1, s2, s4, s5, s7, s8 taken down in May; 5 of May's 7 taken down.
        assertThat(overview.getLong("submissions")).isEqualTo(7);
        assertThat(overview.getLong("removed")).isEqualTo(6);

        try (var page = DashboardPage.logIn(url(), "superadmin", "superadmin-demo-only")) {
            assertThat(page.text("#user-role")).isEqualTo("superadmin");
            assertThat(page.scopeChips()).containsExactly("all communities");
            assertShowsTheApisNumbers(page, overview, token);
            assertThat(page.table("by-community")).containsOnlyKeys("", "berlin-online-watch", "paris-vigilance",
                    "vienna-monitoring");
            assertThat(page.table("by-community").get("").getFirst()).isEqualTo("no community");
            assertThat(page.table("by-community").get("vienna-monitoring").getFirst()).isEqualTo("Vienna Monitoring Group");
            assertThat(page.text("#freshness")).contains("last change arrived").contains("min ago")
                    .contains("read model version " + overview.getLong("freshness.version"))
                    .contains("checked against the legacy database");

            String explanation = page.explain("removals");
            assertThat(explanation).contains("earliest taken_down_at among its reports")
                    .contains("mv_daily_rollup").contains("mv_submission_facts")
                    .contains("GET /api/v1/overview?" + MAY);
            assertThat(page.explainSubmission(DemoCommunitiesFixture.PARIS_SUBMISSION))
                    .contains("2024-05-04T00:00:00Z from legacy_fallback");
            page.closeExplanation();
            page.screenshot(Path.of("target/dashboard-superadmin.png"));

            // A KPI opens the submissions behind it: as many as it says, each explained in words, exported as the
            // API exports them.
            assertThat(page.openList("#kpi-removals button.drill")).isEqualTo(overview.getLong("removed"));
            assertThat(page.listRows()).hasSize(6);
            assertThat(page.explainFirstListedSubmission()).contains("Takedown").contains("Why").contains("Platform");
            String exported = page.exportList();
            String fromTheApi = given().auth().oauth2(token).accept("text/csv")
                    .get("/api/v1/submissions?" + MAY + "&measure=removed").then().statusCode(200).extract().asString();
            assertThat(exported).isEqualTo(fromTheApi).contains("# rule: ");
            page.screenshot(Path.of("target/dashboard-list.png"));
            page.closeList();

            // A published catalog metric on the Metrics panel, with the value bi-service computes for it.
            Map<String, String> removalRate = page.metricCard("removal_rate");
            double computed = new JsonPath(given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("from", "2024-05-01", "to", "2024-06-01")).post("/api/v1/metrics/removal_rate/query")
                    .then().statusCode(200).extract().asString())
                    .using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE))
                    .getDouble("rows[0].value");
            assertThat(Double.parseDouble(removalRate.get("value"))).isCloseTo(computed, within(1e-9));
            assertThat(removalRate.get("text")).isEqualTo(rate(computed));
            assertThat(removalRate.get("provenance")).contains("removal_rate v1").contains("published");
            assertThat(page.metricCard(CatalogStub.RETIRED).get("status")).isEqualTo("deprecated");
            page.screenshotWholePage(Path.of("target/dashboard-whole.png"));
        }
    }

    @Test
    void aPersonWithAPhoneOrOnlyAKeyboardGetsToTheListsToo() throws Exception {
        try (var page = DashboardPage.logIn(url(), "superadmin", "superadmin-demo-only")) {
            assertThat(page.widerThanAPhone()).as("elements wider than a 390 px screen").isEmpty();
            page.screenshot(Path.of("target/dashboard-phone.png"));
            page.pressEnterOn("#kpi-submissions button.drill", 40);
            assertThat(page.listOpenedByKeyboard()).isEqualTo(7);
            page.pressEscape();
            page.pressEnterOn("#series-table tbody tr:first-child button", 80);
            assertThat(page.listOpenedByKeyboard()).as("the first week's submissions, from the chart's table")
                    .isEqualTo(api(KeycloakServer.accessToken("superadmin", "superadmin-demo-only"),
                            "/api/v1/timeseries?metric=submissions&granularity=" + GRANULARITY + "&" + MAY)
                            .getLong("series[0].points[0].value"));
        }
    }

    @Test
    void aCommunityManagerSeesOnlyTheirCommunities() throws Exception {
        String token = KeycloakServer.accessToken("manager", "manager-demo-only");
        JsonPath overview = api(token, "/api/v1/overview?" + MAY);
        assertThat(overview.getList("scope.communities", String.class))
                .containsExactly("berlin-online-watch", "vienna-monitoring");
        assertThat(overview.getLong("submissions")).isEqualTo(4);

        try (var page = DashboardPage.logIn(url(), "manager", "manager-demo-only")) {
            assertThat(page.text("#user-role")).isEqualTo("community-manager");
            assertThat(page.scopeChips()).containsExactly("berlin-online-watch", "vienna-monitoring");
            assertShowsTheApisNumbers(page, overview, token);
            assertThat(page.table("by-community")).containsOnlyKeys("berlin-online-watch", "vienna-monitoring");
            assertThat(page.text("#by-community")).doesNotContain("paris-vigilance").doesNotContain("no community");

            page.explain("takedownSources");
            assertThat(page.explainSubmission(DemoCommunitiesFixture.BERLIN_REPORT_FLOW_SUBMISSION))
                    .contains("2024-05-06T00:00:00Z from report_flow");
            assertThat(page.explainSubmission(DemoCommunitiesFixture.PARIS_SUBMISSION))
                    .isEqualTo("No submission 5 in your scope.");
            page.closeExplanation();
            page.screenshot(Path.of("target/dashboard-manager.png"));

            // No list shows another community's rows: the KPIs' and each breakdown row's.
            for (String opener : List.of("#kpi-submissions button.drill", "#kpi-removals button.drill",
                    "#by-platform tbody tr:first-child td:nth-child(2) button",
                    "#by-community tbody tr[data-key='vienna-monitoring'] td:nth-child(3) button")) {
                page.openList(opener);
                assertThat(page.listRows()).as(opener).isNotEmpty().allSatisfy(row -> assertThat(row.get("community"))
                        .isIn("berlin-online-watch", "vienna-monitoring"));
                page.closeList();
            }
        }
    }

    @Test
    void aPageLeftOpenLongerThanItsTokensAndItsSessionIdleTimeStillShowsNumbers() throws Exception {
        String firstHalfOfMay = "from=2024-05-01&to=2024-05-16";
        JsonPath expected = api(KeycloakServer.accessToken("manager", "manager-demo-only"), "/api/v1/overview?" + firstHalfOfMay);
        // s1, s2 and s3 were submitted in the first half of May, s4 after it.
        assertThat(expected.getLong("submissions")).isEqualTo(3);
        Duration accessToken = Duration.ofSeconds(4);
        Duration sessionIdle = Duration.ofSeconds(10);
        try (var shortLived = KeycloakServer.shortenTokenLifetimes(accessToken, sessionIdle);
             var page = DashboardPage.logIn(url(), "manager", "manager-demo-only")) {
            page.markDocument();
            // Left alone past the session's idle time, and so past any token the page had at the start: only a page
            // that renewed its token in the meantime still has a session that can refresh it.
            await().during(sessionIdle.plus(accessToken)).atMost(sessionIdle.multipliedBy(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> page.isSameDocument() && "ready".equals(page.state()));

            page.showWindow("2024-05-01", "2024-05-16");

            assertThat(page.isSameDocument()).as("answered without leaving the page to log in again").isTrue();
            assertThat(page.text("#kpi-submissions .value")).isEqualTo(count(expected.getLong("submissions")));
            assertThat(page.text("#kpi-removals .value")).isEqualTo(count(expected.getLong("removed")));
        }
    }

    private void assertShowsTheApisNumbers(DashboardPage page, JsonPath overview, String token) {
        assertThat(page.text("#kpi-submissions .value")).isEqualTo(count(overview.getLong("submissions")));
        assertThat(page.text("#kpi-removals .value")).isEqualTo(count(overview.getLong("removed")));
        assertThat(page.text("#kpi-removal-rate .value")).isEqualTo(rate(overview.getDouble("removalRate")));
        assertThat(page.text("#source-report-flow")).isEqualTo(count(overview.getLong("takedownSources.report_flow")));
        assertThat(page.text("#source-legacy-fallback"))
                .isEqualTo(count(overview.getLong("takedownSources.legacy_fallback")));
        assertThat(page.table("by-platform")).containsExactlyEntriesOf(rows(overview.getList("byPlatform"), "platform"));
        assertThat(page.table("by-community")).containsExactlyEntriesOf(rows(overview.getList("byCommunity"), "community"));

        List<List<Number>> drawn = page.chartData();
        JsonPath submissions = series(token, "submissions");
        assertThat(page.chartLabels()).isEqualTo(submissions.getList("series[0].points.start", String.class));
        assertThat(values(drawn.get(0))).isEqualTo(values(submissions.getList("series[0].points.value")));
        assertThat(values(drawn.get(1))).isEqualTo(values(series(token, "removals").getList("series[0].points.value")));
        List<Object> rates = series(token, "removal_rate").getList("series[0].points.value");
        assertThat(drawn.get(2)).hasSameSizeAs(rates);
        for (int i = 0; i < rates.size(); i++) {
            if (rates.get(i) == null) {
                assertThat(drawn.get(2).get(i)).as("bucket %d", i).isNull();
            } else {
                assertThat(drawn.get(2).get(i).doubleValue()).as("bucket %d", i)
                        .isCloseTo(100 * ((Number) rates.get(i)).doubleValue(), within(1e-9));
            }
        }
    }

    /**
     * A breakdown as the page should show it, in the API's order: its label (the platform itself, a community's
     * label), submissions, removals, removal rate.
     */
    private static Map<String, List<String>> rows(List<Map<String, Object>> breakdown, String key) {
        var rows = new LinkedHashMap<String, List<String>>();
        for (Map<String, Object> row : breakdown) {
            Object name = row.get(key);
            rows.put(name == null ? "" : name.toString(), List.of(row.getOrDefault("label", name).toString(),
                    count(((Number) row.get("submissions")).longValue()), count(((Number) row.get("removed")).longValue()),
                    row.get("removalRate") == null ? "–" : rate(((Number) row.get("removalRate")).doubleValue())));
        }
        return rows;
    }

    private static List<Double> values(List<?> numbers) {
        var values = new ArrayList<Double>();
        numbers.forEach(n -> values.add(n == null ? null : ((Number) n).doubleValue()));
        return values;
    }

    private static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    private static String rate(double share) {
        return String.format(Locale.US, "%.1f%%", 100 * share);
    }

    private JsonPath series(String token, String metric) {
        return api(token, "/api/v1/timeseries?metric=" + metric + "&granularity=" + GRANULARITY + "&" + MAY);
    }

    private static JsonPath api(String token, String path) {
        String body = given().auth().oauth2(token).get(path).then().statusCode(200).extract().asString();
        return new JsonPath(body).using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/dashboard/?" + MAY + "&granularity=" + GRANULARITY;
    }
}
