package org.moderation.bi.dashboard.studio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
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

import org.moderation.bi.dashboard.freshness.ReadModelFreshness;
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
            assertThat(page.text("#freshness")).contains("read model refreshed").contains("min ago");

            String explanation = page.explain("removals");
            assertThat(explanation).contains("earliest taken_down_at among its reports")
                    .contains("mv_daily_rollup").contains("mv_submission_facts")
                    .contains("GET /api/v1/overview?" + MAY);
            assertThat(page.explainSubmission(DemoCommunitiesFixture.PARIS_SUBMISSION))
                    .contains("2024-05-04T00:00:00Z from legacy_fallback");
            page.closeExplanation();
            page.screenshot(Path.of("target/dashboard-superadmin.png"));
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
            assertThat(page.text("#by-community")).doesNotContain("paris-vigilance").doesNotContain("(no community)");

            page.explain("takedownSources");
            assertThat(page.explainSubmission(DemoCommunitiesFixture.BERLIN_REPORT_FLOW_SUBMISSION))
                    .contains("2024-05-06T00:00:00Z from report_flow");
            assertThat(page.explainSubmission(DemoCommunitiesFixture.PARIS_SUBMISSION))
                    .isEqualTo("No submission 5 in your scope.");
            page.closeExplanation();
            page.screenshot(Path.of("target/dashboard-manager.png"));
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

    /** A breakdown as the page should show it: name, submissions, removals, removal rate, in the API's order. */
    private static Map<String, List<String>> rows(List<Map<String, Object>> breakdown, String key) {
        var rows = new LinkedHashMap<String, List<String>>();
        for (Map<String, Object> row : breakdown) {
            Object name = row.get(key);
            rows.put(name == null ? "" : name.toString(), List.of(name == null ? "(no community)" : name.toString(),
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
