package org.moderation.bi.dashboard.studio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.DemoCommunitiesFixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.testsupport.KeycloakServer;

/**
 * The dashboard page as a person uses it: logs in at a real Keycloak with the local realm's demo users (authorization
 * code with PKCE, as the realm requires of the page's client), and shows the same numbers as the dashboard API gives
 * the same user, within their scope, each beside its version and the period before. Screenshots go to target/, or to
 * the directory {@code -Ddocs.screenshots=…} names (README's are taken with {@code -Ddocs.screenshots=../docs}).
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(KeycloakServer.class)
@WithTestResource(CatalogStub.class)
class DashboardBrowserTest {

    private static final String MAY = "from=2024-05-01&to=2024-06-01";
    private static final String GRANULARITY = "week";
    private static final String VIEW = "/api/v1/dashboards/overview/view?" + MAY + "&granularity=" + GRANULARITY
            + "&compare=previous";
    private static final Path SHOTS = Path.of(System.getProperty("docs.screenshots", "target"));
    private static final String SUPERADMIN = "superadmin";

    @Inject
    ReadModelFreshness freshness;

    @Inject
    CircuitBreakerMaintenance breakers;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void fixture() throws Exception {
        DemoCommunitiesFixture.load();
        freshness.poll();
    }

    @AfterEach
    void catalogAsServed() {
        CatalogStub.up();
        breakers.resetAll();
    }

    @Test
    void aSuperadminSeesEveryCommunityWithTheApisNumbersBesideThePeriodBefore() throws Exception {
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        JsonPath view = api(token, VIEW);
        // s1-s6 and s8 submitted in May; s1, s2, s4, s5, s7, s8 taken down in May; 5 of May's 7 taken down. The period
        // before is as long, the 31 days from March 31: it has s7 only (April 25), taken down in May.
        assertThat(kpi(view, "submissions").get("value")).isEqualTo(7.0);
        assertThat(kpi(view, "removals").get("value")).isEqualTo(6.0);
        assertThat(view.getString("comparedWith.from")).startsWith("2024-03-31");

        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            assertThat(page.text("#user-role")).isEqualTo("superadmin");
            assertThat(page.scopeChips()).containsExactly("all communities");
            assertShowsTheApisNumbers(page, view);
            assertThat(page.text("#kpi-submissions .change")).isEqualTo("▲ +6 (+600.0 %) vs 1 in Mar 31 – Apr 30, 2024");
            assertThat(page.text("#kpi-removals .change")).isEqualTo("▲ +6 vs 0 in Mar 31 – Apr 30, 2024");
            assertThat(page.text("#kpi-removal_rate .change")).isEqualTo("▼ −28.6 pts vs 100.0 % in Mar 31 – Apr 30, 2024");
            assertThat(page.text("#kpi-removal_rate .value")).isEqualTo("71.4 %");
            assertThat(page.table("by-community")).containsOnlyKeys("", "berlin-online-watch", "paris-vigilance",
                    "vienna-monitoring");
            assertThat(page.table("by-community").get("").getFirst()).isEqualTo("no community");
            assertThat(page.table("by-community").get("vienna-monitoring").getFirst()).isEqualTo("Vienna Monitoring Group");
            assertThat(page.text("#freshness")).contains("last change arrived").contains("min ago")
                    .contains("read model version " + view.getLong("freshness.version"))
                    .contains("checked against the legacy database");
            assertThat(page.text("#dashboard-ref")).contains("Overview v2").contains("from the catalog");

            String explanation = page.explain("tile:removals");
            assertThat(explanation).contains("earliest taken_down_at among its reports").contains("removals v1 · pinned")
                    .contains("counted by takedown date").contains("Compared with").contains("percentage points")
                    .contains("GET /api/v1/dashboards/overview/view?" + MAY);
            for (String readFrom : view.getList("kpis.find { it.id == 'removals' }.metric.readFrom", String.class)) {
                assertThat(explanation).contains(readFrom);
            }
            assertThat(page.explainSubmission(DemoCommunitiesFixture.PARIS_SUBMISSION))
                    .contains("2024-05-04T00:00:00Z from legacy_fallback");
            page.closeExplanation();
            page.screenshot(SHOTS.resolve("dashboard.png"));

            // A KPI opens the submissions behind it: as many as it says, each explained in words beside the list,
            // exported as the API exports them.
            assertThat(page.openList("#kpi-removals button.drill:not(.previous)")).isEqualTo(6);
            assertThat(page.listRows()).hasSize(6);
            assertThat(page.explainListedSubmission(6)).contains("Takedown").contains("Why").contains("Platform");
            page.screenshot(SHOTS.resolve("dashboard-list.png"));
            String exported = page.exportList();
            String fromTheApi = given().auth().oauth2(token).accept("text/csv")
                    .get("/api/v1/submissions?" + MAY + "&metric=removals&version=1").then().statusCode(200)
                    .extract().asString();
            assertThat(exported).isEqualTo(fromTheApi).contains("# rule: ");
            page.closeList();

            // The period before has its own list, as long as its number; the rate's list is its numerator.
            assertThat(page.openList("#kpi-submissions button.previous")).isEqualTo(1);
            page.closeList();
            assertThat(page.openList("#kpi-removal_rate button.drill:not(.previous)")).isEqualTo(5);
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
            assertThat(removalRate.get("provenance")).contains("removal_rate v3").contains("published");
            assertThat(page.metricCard(CatalogStub.RETIRED).get("status")).isEqualTo("deprecated");
            page.screenshotWholePage(Path.of("target/dashboard-whole.png"));

            // The catalog goes away: the page goes on with the definitions it last gave, and says since when.
            CatalogStub.down();
            page.showWindow("2024-04-01", "2024-05-01");
            assertThat(page.text("#dashboard-ref")).contains("Overview v2", "from the catalog",
                    "catalog unreachable since " + Instant.now().toString().substring(0, 10));
        }
    }

    @Test
    void thePageReadsWithoutAGuide() throws Exception {
        CatalogStub.neverCounted(CatalogStub.VERSIONED);
        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            // Weeks from Monday: May 1 is a Wednesday and May 31 a Friday, so the first and the last week are partial.
            List<String> labels = page.chartLabels();
            assertThat(labels.getFirst()).isEqualTo("May 1–5, partial");
            assertThat(labels.get(1)).isEqualTo("2024-05-06");
            assertThat(labels.getLast()).isEqualTo("May 27–31, partial");
            assertThat(page.text("#series-table tbody tr:first-child td:first-child")).isEqualTo("May 1–5, partial");

            // Every count says what places a submission in the window, and the rate which cohort it divides.
            assertThat(page.headers("by-platform")).containsExactly("Platform", "Submissions\nby submission date",
                    "Removals\nby takedown date", "Removal rate within 14 days\nof the submissions by submission date, "
                            + "taken down within 14 days of submission");

            // The takedown-source card speaks the business's words, with a bar each.
            String sources = page.text("#kpi-takedown_sources");
            assertThat(sources).contains("report flow").contains("legacy fallback").doesNotContain("report_flow")
                    .doesNotContain("legacy_fallback");

            // Hours move the window to the last 7 days in plain sight, and Undo puts back what the person had.
            page.chooseGranularity("hour");
            assertThat(page.isShown("#grain-note")).isTrue();
            assertThat(page.text("#grain-note")).contains("Hours cover the last 7 days").contains("[2024-05-01, 2024-06-01)");
            assertThat(page.value("#from")).isNotEqualTo("2024-05-01");
            page.click("#grain-undo");
            assertThat(page.value("#from")).isEqualTo("2024-05-01");
            assertThat(page.value("#to")).isEqualTo("2024-06-01");
            assertThat(page.value("#granularity")).isEqualTo(GRANULARITY);
            assertThat(page.isShown("#grain-note")).isFalse();

            // A published definition that never counted anything says so on its card.
            page.metricCard(CatalogStub.VERSIONED);
            assertThat(page.text("#metrics-cards [data-key='" + CatalogStub.VERSIONED + "'] h3"))
                    .contains("never counted anything");
            assertThat(page.text("#metrics-cards [data-key='submissions'] h3")).doesNotContain("never counted");
        }
    }

    @Test
    void whatIsRemovedShowsEachValueOnceItsListAndTheTotalApart() throws Exception {
        // Hashtags: #steady on three of May's submissions and on three of April's, #rising on two of May's only.
        ReadModelDatabase.execute("""
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, last_run_id)
                SELECT 900 + n, 1, 'meta', 'facebook', 'url_host', 'new', '2024-04-10 10:00+00', NULL, now(), 1
                FROM generate_series(1, 3) AS n;
                INSERT INTO hashtags (tag) VALUES ('steady'), ('rising') ON CONFLICT (md5(tag)) DO NOTHING;
                INSERT INTO submission_hashtags (submission_id, hashtag_id)
                SELECT s.id, h.id FROM submissions s, hashtags h
                WHERE h.tag = 'steady' AND s.legacy_id IN (1, 2, 5, 901, 902, 903)
                   OR h.tag = 'rising' AND s.legacy_id IN (4, 6);
                SELECT refresh_submission_facts();
                UPDATE read_model_version SET version = version + 1, changed_at = now();""");
        freshness.poll();
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        JsonPath byCategory = given().auth().oauth2(token).contentType("application/json")
                .body(java.util.Map.of("from", "2024-05-01", "to", "2024-06-01", "groupBy", List.of("category"),
                        "top", 10, "compare", "previous"))
                .post("http://127.0.0.1:" + port + "/api/v1/metrics/submissions/query").then().statusCode(200).extract().jsonPath();
        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            page.waitForText("#what-table tbody tr:first-child th", "antisemitic_trope");
            // May: antisemitic_trope on 1, 2 and 5; slur on 1; conspiracy on 4; none on 3, 6 and 8; 7 is April's.
            var rows = page.table("what-table");
            assertThat(rows.get("antisemitic_trope").getFirst()).isEqualTo("3");
            assertThat(rows.get("conspiracy").getFirst()).isEqualTo("1");
            assertThat(rows.get("slur").getFirst()).isEqualTo("1");
            assertThat(rows.get("none").getFirst()).isEqualTo("3");
            assertThat(rows.get("all submissions").getFirst()).as("seven submissions, not the rows' eight")
                    .isEqualTo(String.valueOf(Math.round(byCategory.getDouble("total[0].value")))).isEqualTo("7");
            assertThat(page.text("#what-caption")).contains("more than the total")
                    .contains("vs 2024-03-31 to 2024-05-01 (exclusive)");
            // Each value's change from the period before, as the API compares it in one snapshot.
            for (String category : List.of("antisemitic_trope", "conspiracy", "slur")) {
                double now = byCategory.getDouble("rows.find { it.group.category == '" + category + "' }.value");
                double before = byCategory.getDouble("rows.find { it.group.category == '" + category + "' }.previous");
                assertThat(rows.get(category).get(1)).as(category).isEqualTo(page.inBrowser(
                        "import('/dashboard/format.js').then(f => done(f.changeInUnit(" + (now - before)
                                + ", 'count')))"));
            }
            // Each value's median time from report to takedown, and all submissions', as the API answers them.
            JsonPath medians = query(token, "median_report_to_takedown", Map.of("from", "2024-05-01",
                    "to", "2024-06-01", "groupBy", List.of("category"), "filters", List.of(Map.of(
                            "column", "category", "op", "in", "values",
                            List.of("antisemitic_trope", "conspiracy", "slur")))));
            Double all = query(token, "median_report_to_takedown", Map.of("from", "2024-05-01",
                    "to", "2024-06-01")).getDouble("rows[0].value");
            assertThat(all).as("May has removals through a report").isNotNull();
            for (String category : List.of("antisemitic_trope", "conspiracy", "slur")) {
                Object seconds = medians.get("rows.find { it.group.category == '" + category + "' }.value");
                assertThat(rows.get(category).get(3)).as(category).isEqualTo(page.inBrowser(
                        "import('/dashboard/format.js').then(f => done(f.inUnit(" + seconds + ", 'duration')))"));
            }
            assertThat(rows.get("all submissions").get(3)).isEqualTo(page.inBrowser(
                    "import('/dashboard/format.js').then(f => done(f.inUnit(" + all + ", 'duration')))"));
            assertThat(rows.get("none").get(3)).isEmpty();
            assertThat(rows.get("conspiracy").get(3)).as("4: reported May 21 12:00, taken down May 23").isEqualTo("36 h");
            assertThat(page.openList("#what-table tbody tr:first-child button")).isEqualTo(3);

            // Searched, the list narrows to 2 and 5 ("a caption that repeats an antisemitic trope"), the word marked.
            page.evaluate("document.querySelector('#list-q').value = 'trope'");
            assertThat(page.openList("#list-search button")).isEqualTo(2);
            assertThat(page.text("#list-title")).contains("searched for “trope”");
            assertThat(page.count("#list-table tbody .matched mark")).isEqualTo(2);
            assertThat(page.text("#list-table tbody tr:first-child .matched mark")).isEqualTo("trope");
            page.closeList();

            // Hashtags, rising ones first: #rising (2, none before) above #steady (3, as many before).
            page.inBrowser("const s = document.querySelector('#what-dimension'); s.value = 'hashtag';"
                    + " s.dispatchEvent(new Event('change')); done();");
            page.waitForText("#what-table tbody tr:first-child th", "rising");
            var hashtags = page.table("what-table");
            assertThat(hashtags.keySet()).startsWith("rising", "steady", "none");
            assertThat(hashtags.get("rising").subList(0, 2)).containsExactly("2", "+2");
            assertThat(hashtags.get("steady").subList(0, 2)).containsExactly("3", (String) page.inBrowser(
                    "import('/dashboard/format.js').then(f => done(f.changeInUnit(0, 'count')))"));
            assertThat(page.text("#what-caption")).contains("rising ones first");

            // An alert on one value's submissions: the rule the dialog previews and creates counts only those.
            var rising = new AlertRuleDefinition("rising_alert", "Rising", "Rising", new AlertRuleDefinition.AlertMetric(
                    "submissions", null), new AlertWindow(AlertWindow.ROLLING, 24, "hours", null), List.of(),
                    new AlertCondition(AlertCondition.ABOVE, 50.0, null, null), null, null, "warning", null,
                    List.of(new Filter("hashtag", "eq", "rising", null)));
            CatalogStub.answerAlertRuleCreation(rising, 201, null);
            CatalogStub.server().resetRequests();
            page.click("#what-table tbody tr[data-key='rising'] button.alert-me");
            assertThat(page.text("#rule-title")).isEqualTo("Alert me when Submissions with hashtag rising…");
            page.inBrowser("""
                    document.querySelector('#rule-threshold').value = '50';
                    document.querySelector('#rule-window').value = 'rolling:24:hours';
                    document.querySelector('#rule-key').value = 'rising_alert';
                    done();""");
            page.click("#rule-preview");
            assertThat(page.waitForText("#rule-result", "in the last 90 days")).startsWith("It would not have fired");
            page.click("#rule-create");
            assertThat(page.waitForText("#rule-result", "rising_alert")).startsWith("Created and published rising_alert");
        }
        var sent = CatalogStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/v1/alert-rules")));
        assertThat(sent).hasSize(1);
        JsonPath rule = new JsonPath(sent.getFirst().getBodyAsString());
        assertThat(rule.getList("filters")).hasSize(1);
        assertThat(List.of(rule.getString("filters[0].column"), rule.getString("filters[0].op"),
                rule.getString("filters[0].value"))).containsExactly("hashtag", "eq", "rising");
        assertThat(rule.getString("name")).startsWith("Submissions with hashtag rising above 50 over ");
    }

    /**
     * A value of the "what" panel narrows the whole page to its submissions: the KPIs, tables and chart show the
     * filtered view of the API, lists opened from it are narrowed too, and the URL holds the filter, so that a link
     * reproduces the view.
     */
    @Test
    void aFilterNarrowsTheWholePageAndALinkReproducesIt() throws Exception {
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        JsonPath filtered = api(token, VIEW + "&category=antisemitic_trope");
        assertThat(kpi(filtered, "submissions").get("value")).as("May: 1, 2 and 5").isEqualTo(3.0);
        String link;
        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            page.waitForText("#what-table tbody tr:first-child th", "antisemitic_trope");
            page.click("#what-table tbody tr[data-key='antisemitic_trope'] button.only-this");
            assertThat(page.waitForText("#filters-list", "category: antisemitic_trope")).doesNotContain("hashtag");
            page.waitUntilSettled();
            assertShowsTheApisNumbers(page, filtered);
            link = (String) page.evaluate("location.href");
            assertThat(link).contains("category=antisemitic_trope").contains("from=2024-05-01");
            assertThat(page.openList("#kpi-submissions button.drill:not(.previous)")).isEqualTo(3);
            page.closeList();
            // Filtered by a category, the panel's categories are those its submissions also have: not drilled into.
            assertThat(page.count("#what-table tbody tr[data-key='slur'] td button:not(.alert-me):not(.only-this)"))
                    .isZero();
            assertThat(page.text("#what-caption")).contains("Only the submissions with category antisemitic_trope");

            page.click("#filters-list button");
            page.waitUntilSettled();
            assertShowsTheApisNumbers(page, api(token, VIEW));
            assertThat((String) page.evaluate("location.href")).doesNotContain("category");
            assertThat(page.isShown("#filters")).isFalse();

            // A platform's row of the breakdown narrows the page to it too; the row it leaves offers it no more.
            page.click("#by-platform tbody tr[data-key='meta'] button.only-this");
            page.waitForText("#filters-list", "platform: meta");
            page.waitUntilSettled();
            assertShowsTheApisNumbers(page, api(token, VIEW + "&platform=meta"));
            assertThat((String) page.evaluate("location.href")).contains("platform=meta");
            assertThat(page.count("#by-platform tbody tr[data-key='meta'] button.only-this")).isZero();
        }
        try (var page = DashboardPage.logIn(link, SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            assertThat(page.text("#filters-list")).contains("category: antisemitic_trope");
            assertShowsTheApisNumbers(page, filtered);
        }
    }

    private JsonPath query(String token, String metric, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("http://127.0.0.1:" + port + "/api/v1/metrics/" + metric + "/query").then().statusCode(200)
                .extract().jsonPath();
    }

    /** One function writes a metric's value in its unit: a test per unit, with a known value. */
    @Test
    void eachUnitIsWrittenOneWay() throws Exception {
        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            assertThat(page.inBrowser("import('/dashboard/format.js').then(f => done(["
                    + "f.inUnit(1234, 'count'), f.inUnit(0.357, 'ratio'), f.inUnit(0.357, 'percent'),"
                    + "f.inUnit(9000, 'duration'), f.inUnit(90, 'duration'), f.inUnit(259200, 'duration'),"
                    + "f.inUnit(null, 'ratio'), f.changeInUnit(-0.021, 'ratio'), f.changeInUnit(12, 'count'),"
                    + "f.relativeChange(0.043)]));"))
                    .isEqualTo(List.of("1,234", "35.7 %", "35.7 %", "2.5 h", "90 s", "3 days", "–", "−2.1 pts", "+12",
                            "+4.3 %"));
        }
    }

    @Test
    void anHourlySeriesShowsTheLastDaysHourByHour() throws Exception {
        DemoCommunitiesFixture.addRecentHours();
        freshness.poll();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String window = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        JsonPath view = api(token, "/api/v1/dashboards/overview/view?" + window + "&granularity=hour&compare=previous");
        try (var page = DashboardPage.logIn("http://127.0.0.1:" + port + "/dashboard/?" + window + "&granularity=hour",
                SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            List<String> labels = page.chartLabels();
            assertThat(labels).hasSize(48);
            // The hour under way so far, the hours after it to come.
            int now = labels.indexOf(labels.stream().filter(label -> label.endsWith("this hour so far")).findFirst()
                    .orElseThrow());
            assertThat(labels.subList(now + 1, labels.size())).allSatisfy(label -> assertThat(label).endsWith(", to come"));
            assertThat(labels.subList(0, now)).noneSatisfy(label -> assertThat(label).contains(","));
            List<List<Number>> drawn = page.chartData();
            assertThat(values(drawn.get(0))).isEqualTo(values(view.getList("series.lines[0].values")));
            assertThat(values(drawn.get(0)).stream().mapToDouble(v -> v).sum())
                    .isEqualTo(kpi(view, "submissions").get("value"));
            // Two days of submissions are far younger than the rate's 14 days: it says so, and is not compared.
            assertThat(page.text("#kpi-removal_rate .maturity")).startsWith("immature until ")
                    .contains("its submissions are not all 14 days old, the rate can still rise");
            assertThat(page.text("#kpi-removal_rate .change")).startsWith("not compared with ")
                    .endsWith(": this window is immature");
            assertThat(page.count("#series-table td.immature")).as("every hour's rate").isEqualTo(48);
            assertThat(page.count("#series-table td.immature .chip.immature")).isEqualTo(48);
            assertThat(page.explain("series")).contains("A rate within a horizon counts, for each submission, only a "
                    + "takedown within 14 days of its submission");
            page.closeExplanation();
            page.screenshot(SHOTS.resolve("dashboard-hourly.png"));
        }
    }

    @Test
    void theAlertsPanelShowsEachRuleItsSubmissionsAndWhenItFiredAndResolved() throws Exception {
        AlertCondition aboveTwo = new AlertCondition(AlertCondition.ABOVE, 2.0, null, null);
        CatalogStub.serveAlertRules(
                alertRule("berlin_busy", List.of("berlin-online-watch"), aboveTwo),
                alertRule("paris_busy", List.of("paris-vigilance"), new AlertCondition(AlertCondition.ABOVE, 1e6, null, null)));
        // Recent submissions arrive; the evaluator looks at the new read-model version as the service does.
        DemoCommunitiesFixture.addRecentHours();
        freshness.poll();
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        await().atMost(Duration.ofSeconds(60)).until(() -> "firing".equals(alertState(token, "berlin_busy")));
        double value = api(token, "/api/v1/alerts").getDouble("find { it.rule == 'berlin_busy' }.value");
        assertThat(value).isGreaterThan(2.0);

        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            Map<String, List<String>> alerts = page.table("alerts-table");
            assertThat(alerts).containsOnlyKeys("berlin_busy", "paris_busy");
            assertThat(alerts.get("berlin_busy").get(1)).isEqualTo("firing");
            assertThat(alerts.get("berlin_busy").get(2)).isEqualTo(count(value));
            assertThat(alerts.get("paris_busy").get(1)).isEqualTo("ok");
            assertThat(page.text("#alerts-note")).isEqualTo("1 of 2 firing");
            // The value lists the submissions behind it: as many as it says.
            assertThat(page.openList("#alerts-table tr[data-key='berlin_busy'] td:nth-child(3) button"))
                    .isEqualTo(Math.round(value));
            assertThat(page.listRows()).allSatisfy(row -> assertThat(row.get("community")).isEqualTo("berlin-online-watch"));
            page.closeList();

            // Berlin's recent submissions go (as a delta would take them away): the next round resolves the rule.
            ReadModelDatabase.execute("""
                    DELETE FROM submissions WHERE legacy_id >= 1000 AND community_id = 1;
                    SELECT refresh_submission_facts();
                    UPDATE read_model_version SET version = version + 1, changed_at = now();""");
            freshness.poll();
            await().atMost(Duration.ofSeconds(60)).until(() -> "ok".equals(alertState(token, "berlin_busy")));
            JsonPath history = api(token, "/api/v1/alerts/berlin_busy/history");
            // Newest first. A round asked for before the recent submissions arrived may have judged the rule ok first.
            List<String> changes = history.getList("to", String.class);
            assertThat(changes.subList(0, 2)).containsExactly("ok", "firing");
            assertThat(changes.subList(2, changes.size())).allSatisfy(to -> assertThat(to).isEqualTo("ok"));
            Instant fired = Instant.parse(history.getString("[1].at"));
            Instant resolved = Instant.parse(history.getString("[0].at"));

            page.showWindow("2024-05-01", "2024-05-16");
            assertThat(page.table("alerts-table").get("berlin_busy").get(1)).isEqualTo("ok");
            page.click("#alerts-table tr[data-key='berlin_busy'] button.history");
            assertThat(page.waitForText("tr.alert-history[data-rule='berlin_busy']", "resolved"))
                    .contains("fired " + utc(fired) + " at " + count(value) + "; resolved " + utc(resolved))
                    .contains("every change of state (" + changes.size() + ")");
            page.inBrowser("document.querySelector('#alerts-panel').scrollIntoView(); done();");
            page.screenshot(SHOTS.resolve("dashboard-alerts.png"));
        }
        // A community manager sees the rules of their communities only, and makes one from a metric card: previewed
        // over the last 90 days as the API previews it, then created in the catalog with their token. The removal rate
        // counts within 14 days of submission; the rule asks to judge the last 7 days although they are younger.
        String managerToken = KeycloakServer.accessToken("manager", KeycloakServer.demoPassword("manager"));
        var lowRate = new AlertRuleDefinition("managed_rate_low", "Removal rate below 90 %", "Removal rate below 90 %",
                new AlertRuleDefinition.AlertMetric("removal_rate", null),
                new AlertWindow(AlertWindow.ROLLING, 7, "days", null),
                List.of("berlin-online-watch", "vienna-monitoring"),
                new AlertCondition(AlertCondition.BELOW, 0.9, null, null), null, null, "warning", true);
        int firings = new JsonPath(given().auth().oauth2(managerToken).contentType("application/json").body(lowRate)
                .post("/api/v1/alerts/preview").then().statusCode(200).extract().asString()).getInt("firings");
        CatalogStub.answerAlertRuleCreation(lowRate, 201, null);
        CatalogStub.server().resetRequests();
        try (var page = DashboardPage.logIn(url(), "manager", KeycloakServer.demoPassword("manager"))) {
            assertThat(page.table("alerts-table")).containsOnlyKeys("berlin_busy");

            page.click("article.metric-card[data-key='removal_rate'] button.alert-me");
            page.inBrowser("""
                    document.querySelector('#rule-condition').value = 'below';
                    document.querySelector('#rule-threshold').value = '90';
                    document.querySelector('#rule-window').value = 'rolling:7:days';
                    document.querySelector('#rule-key').value = 'managed_rate_low';
                    document.querySelector('#rule-immature').checked = true;
                    done();""");
            assertThat(page.text("#rule-maturity-note")).contains("counts takedowns within 14 days of submission");
            assertThat(page.text("#rule-scope")).isEqualTo("Watches berlin-online-watch, vienna-monitoring.");
            page.click("#rule-preview");
            assertThat(page.waitForText("#rule-result", "in the last 90 days")).startsWith(firings == 0
                    ? "It would not have fired" : "It would have fired " + firings + " time");
            page.click("#rule-create");
            assertThat(page.waitForText("#rule-result", "managed_rate_low"))
                    .startsWith("Created and published managed_rate_low v1");
        }
        var sent = CatalogStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/v1/alert-rules")));
        assertThat(sent).hasSize(1);
        JsonPath rule = new JsonPath(sent.getFirst().getBodyAsString());
        assertThat(rule.getDouble("condition.threshold")).isEqualTo(0.9);
        assertThat(rule.getString("condition.type")).isEqualTo("below");
        assertThat(rule.getList("communities", String.class)).containsExactly("berlin-online-watch", "vienna-monitoring");
        assertThat(rule.getString("metric.key")).isEqualTo("removal_rate");
        assertThat(rule.getBoolean("evaluateImmature")).isTrue();
        assertThat(sent.getFirst().getHeader("Authorization")).startsWith("Bearer ");

        // Published, the rule is evaluated: every recent submission of Vienna was taken down, the rate is 100 %.
        CatalogStub.serveAlertRules(alertRule("berlin_busy", List.of("berlin-online-watch"), aboveTwo),
                alertRule("paris_busy", List.of("paris-vigilance"),
                        new AlertCondition(AlertCondition.ABOVE, 1e6, null, null)), lowRate);
        ReadModelDatabase.execute("""
                UPDATE submissions SET legacy_removed_at = submitted_at + interval '1 minute'
                WHERE community_id = 2 AND legacy_id >= 1000;
                SELECT refresh_submission_facts();""");
        freshness.poll();
        await().atMost(Duration.ofSeconds(60)).until(() -> "ok".equals(alertState(managerToken, "managed_rate_low")));
        // Berlin gets 40 submissions no one took down; a delta writes them, its chunk's transaction keeps the read
        // model (apply_submission_facts, as the migrator calls it), and the next round fires the rule.
        ReadModelDatabase.execute("""
                INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                         submitted_at, legacy_removed_at, legacy_updated_at, last_run_id, url_host, url)
                SELECT 5000 + n, 1, 'meta', 'facebook', 'url_host', 'new', now() - make_interval(hours => n), NULL,
                       now(), 1, 'facebook.com', 'https://facebook.com/p/' || (5000 + n)
                FROM generate_series(1, 40) AS n;
                SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id > 5000));
                UPDATE read_model_version SET verified_at = now();""");
        freshness.poll();
        await().atMost(Duration.ofSeconds(60)).until(() -> "firing".equals(alertState(managerToken,
                "managed_rate_low")));
        try (var page = DashboardPage.logIn(url(), "manager", KeycloakServer.demoPassword("manager"))) {
            Map<String, List<String>> alerts = page.table("alerts-table");
            assertThat(alerts).containsOnlyKeys("berlin_busy", "managed_rate_low");
            assertThat(alerts.get("managed_rate_low").get(1)).isEqualTo("firing");
            assertThat(alerts.get("managed_rate_low").get(2)).endsWith("%");
        }
    }

    private static String alertState(String token, String rule) {
        return api(token, "/api/v1/alerts").getString("find { it.rule == '" + rule + "' }.state");
    }

    private static AlertRuleDefinition alertRule(String key, List<String> communities, AlertCondition condition) {
        return new AlertRuleDefinition(key, "Rule " + key, "Summary of " + key,
                new AlertRuleDefinition.AlertMetric("submissions", null),
                new AlertWindow(AlertWindow.ROLLING, 24, "hours", null), communities, condition, null, null, "warning");
    }

    /** An instant as the page writes it: "2026-11-24 10:31 UTC". */
    private static String utc(Instant instant) {
        return instant.toString().replace('T', ' ').substring(0, 16) + " UTC";
    }

    /** Without any rule, the Alerts panel says how to get one: its "Alert me when…" leads to a metric card's. */
    @Test
    void anEmptyAlertsPanelLeadsToTheButtonThatMakesARule() throws Exception {
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        await().atMost(Duration.ofSeconds(60)).until(() -> api(token, "/api/v1/alerts").getList("").isEmpty());
        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            assertThat(page.isShown("#alerts-empty")).isTrue();
            assertThat(page.text("#alerts-empty")).startsWith("No alert rule yet.").contains("press Alert me when…");
            page.metricCard("removal_rate");
            page.click("#alerts-start");
            assertThat(page.evaluate("document.activeElement.matches('#metrics-cards article.metric-card .alert-me')"))
                    .isEqualTo(true);
        }
    }

    @Test
    void aPersonWithAPhoneOrOnlyAKeyboardGetsToTheListsToo() throws Exception {
        JsonPath view = api(KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN)), VIEW);
        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            assertThat(page.widerThanAPhone()).as("elements wider than a 390 px screen").isEmpty();
            page.screenshot(Path.of("target/dashboard-phone.png"));
            page.pressEnterOn("#kpi-submissions button.drill", 40);
            assertThat(page.listOpenedByKeyboard()).isEqualTo(7);
            page.pressEscape();
            page.pressEnterOn("#series-table tbody tr:first-child button", 120);
            assertThat(page.listOpenedByKeyboard()).as("the first week's submissions, from the chart's table")
                    .isEqualTo(Math.round(view.getDouble("series.lines[0].values[0]")));
        }
    }

    /**
     * A list a moderator acts on: each row leads with the post (its text's beginning, its author, its link opened
     * safely in a new tab), the URLs the legacy records hold that are no link stay text, and the table fits its
     * panel without scrolling sideways at 1,280 and 1,920 px and on a phone (one card per submission there).
     */
    @Test
    void aListLeadsWithThePostAndFitsItsPanelAtEveryWidth() throws Exception {
        String token = KeycloakServer.accessToken(SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN));
        JsonPath list = api(token, "/api/v1/submissions?" + MAY + "&metric=submissions&version=1&limit=50");
        try (var page = DashboardPage.logIn(url(), SUPERADMIN, KeycloakServer.demoPassword(SUPERADMIN))) {
            assertThat(page.openList("#kpi-submissions button.drill:not(.previous)")).isEqualTo(7);
            for (var width : new int[][] {{1280, 800}, {1920, 1080}, {390, 844}}) {
                page.resize(width[0], width[1]);
                String size = width[0] < 600 ? "phone" : String.valueOf(width[0]);
                assertThat((Boolean) page.evaluate("(() => { const box = document.querySelector('#list-table')"
                        + ".closest('.table-scroll'); return box.scrollWidth <= box.clientWidth + 1; })()"))
                        .as("the list fits its panel at %s", size).isTrue();
                assertThat((Boolean) page.evaluate("[...document.querySelectorAll('#list-table tbody tr')].every(r =>"
                        + " r.firstElementChild.classList.contains('post') && r.firstElementChild.offsetWidth > 0)"))
                        .as("the post first in every row at %s", size).isTrue();
                page.screenshot(SHOTS.resolve("dashboard-list-" + size + ".png"));
            }
            page.resize(1400, 1150);
            for (int i = 0; i < 7; i++) {
                String id = list.getString("items[" + i + "].submissionId");
                String row = "#list-table tr[data-id='" + id + "'] ";
                String excerpt = list.getString("items[" + i + "].excerpt");
                assertThat(page.text(row + ".excerpt")).isEqualTo(excerpt == null ? "no text" : excerpt);
                String author = list.getString("items[" + i + "].authorHandle");
                assertThat(page.text(row + ".author")).isEqualTo(author == null ? "author unknown" : "by " + author);
                String link = list.getString("items[" + i + "].link");
                if (link == null) {
                    assertThat(page.count(row + "a")).isZero();
                    assertThat(page.text(row + ".byline")).contains("no link: see screenshot in ticket 4711");
                } else {
                    assertThat(page.evaluate("document.querySelector(\"" + row + "a.post-link\").href"))
                            .isEqualTo(link);
                    assertThat(page.evaluate("document.querySelector(\"" + row + "a.post-link\").rel"))
                            .isEqualTo("noopener noreferrer");
                    assertThat(page.evaluate("document.querySelector(\"" + row + "a.post-link\").target"))
                            .isEqualTo("_blank");
                }
            }
        }
        // The API's own: a URL without its scheme becomes an https link, one that is no URL none; the text is cut
        // at a word, whitespace collapsed.
        assertThat(list.getString("items.find { it.legacyId == 4 }.link")).isEqualTo("https://www.youtube.com/watch?v=4");
        assertThat(list.getString("items.find { it.legacyId == 3 }.link")).isNull();
        assertThat(list.getString("items.find { it.legacyId == 3 }.url")).isEqualTo("see screenshot in ticket 4711");
        assertThat(list.getString("items.find { it.legacyId == 2 }.excerpt"))
                .isEqualTo("Post 2: a caption that repeats an antisemitic trope");
        assertThat(list.getString("items.find { it.legacyId == 1 }.excerpt")).hasSizeLessThanOrEqualTo(160)
                .startsWith("Long thread quoting the same slur again and again,").endsWith("…");
    }

    @Test
    void aCommunityManagerSeesOnlyTheirCommunities() throws Exception {
        String token = KeycloakServer.accessToken("manager", KeycloakServer.demoPassword("manager"));
        JsonPath view = api(token, VIEW);
        assertThat(view.getList("scope.communities", String.class))
                .containsExactly("berlin-online-watch", "vienna-monitoring");
        assertThat(kpi(view, "submissions").get("value")).isEqualTo(4.0);

        try (var page = DashboardPage.logIn(url(), "manager", KeycloakServer.demoPassword("manager"))) {
            assertThat(page.text("#user-role")).isEqualTo("community-manager");
            assertThat(page.scopeChips()).containsExactly("berlin-online-watch", "vienna-monitoring");
            assertShowsTheApisNumbers(page, view);
            assertThat(page.table("by-community")).containsOnlyKeys("berlin-online-watch", "vienna-monitoring");
            assertThat(page.text("#by-community")).doesNotContain("paris-vigilance").doesNotContain("no community");

            page.explain("tile:takedown_sources");
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
        JsonPath expected = api(KeycloakServer.accessToken("manager", KeycloakServer.demoPassword("manager")),
                "/api/v1/dashboards/overview/view?" + firstHalfOfMay);
        // s1, s2 and s3 were submitted in the first half of May, s4 after it.
        assertThat(kpi(expected, "submissions").get("value")).isEqualTo(3.0);
        Duration accessToken = Duration.ofSeconds(4);
        Duration sessionIdle = Duration.ofSeconds(10);
        try (var shortLived = KeycloakServer.shortenTokenLifetimes(accessToken, sessionIdle);
             var page = DashboardPage.logIn(url(), "manager", KeycloakServer.demoPassword("manager"))) {
            page.markDocument();
            // Left alone past the session's idle time, and so past any token the page had at the start: only a page
            // that renewed its token in the meantime still has a session that can refresh it.
            await().during(sessionIdle.plus(accessToken)).atMost(sessionIdle.multipliedBy(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> page.isSameDocument() && "ready".equals(page.state()));

            page.showWindow("2024-05-01", "2024-05-16");

            assertThat(page.isSameDocument()).as("answered without leaving the page to log in again").isTrue();
            assertThat(page.text("#kpi-submissions .value")).isEqualTo(count(kpi(expected, "submissions").get("value")));
            assertThat(page.text("#kpi-removals .value")).isEqualTo(count(kpi(expected, "removals").get("value")));
        }
    }

    /** The page's KPIs, tables and chart show the dashboard API's numbers, each in its unit, with its version. */
    private void assertShowsTheApisNumbers(DashboardPage page, JsonPath view) {
        for (Map<String, Object> tile : view.<Map<String, Object>>getList("kpis")) {
            String css = "#kpi-" + tile.get("id");
            @SuppressWarnings("unchecked")
            var metric = (Map<String, Object>) tile.get("metric");
            assertThat(page.text(css + " .provenance")).startsWith(metric.get("key") + " v"
                    + ((Number) metric.get("version")).intValue() + " · pinned");
            if (tile.get("breakdown") != null) {
                @SuppressWarnings("unchecked")
                var breakdown = (Map<String, Number>) tile.get("breakdown");
                @SuppressWarnings("unchecked")
                var shares = (Map<String, Number>) tile.get("shares");
                breakdown.forEach((source, value) -> {
                    assertThat(page.text(css + " li[data-key='" + source + "'] .count")).isEqualTo(count(value));
                    assertThat(page.text(css + " li[data-key='" + source + "'] .share"))
                            .isEqualTo(Math.round(100 * shares.get(source).doubleValue()) + " %");
                });
            } else {
                assertThat(page.text(css + " .value")).as(css).isEqualTo(inUnit((Number) tile.get("value"),
                        (String) metric.get("unit")));
            }
        }
        assertThat(page.table("by-platform")).containsExactlyEntriesOf(rows(view, "platform"));
        assertThat(page.table("by-community")).containsExactlyEntriesOf(rows(view, "community"));

        List<List<Number>> drawn = page.chartData();
        List<Map<String, Object>> lines = view.getList("series.lines");
        assertThat(drawn).hasSameSizeAs(lines);
        for (int line = 0; line < lines.size(); line++) {
            @SuppressWarnings("unchecked")
            var expected = (List<Number>) lines.get(line).get("values");
            @SuppressWarnings("unchecked")
            boolean fraction = "ratio".equals(((Map<String, Object>) lines.get(line).get("metric")).get("unit"));
            for (int i = 0; i < expected.size(); i++) {
                if (expected.get(i) == null) {
                    assertThat(drawn.get(line).get(i)).as("line %d, bucket %d", line, i).isNull();
                } else {
                    assertThat(drawn.get(line).get(i).doubleValue()).as("line %d, bucket %d", line, i)
                            .isCloseTo((fraction ? 100 : 1) * expected.get(i).doubleValue(), within(1e-9));
                }
            }
        }
    }

    private static Map<String, Object> kpi(JsonPath view, String id) {
        return view.getMap("kpis.find { it.id == '" + id + "' }");
    }

    /** A breakdown table as the page should show it, in the API's order: the row's label, then each column's value. */
    private static Map<String, List<String>> rows(JsonPath view, String dimension) {
        Map<String, Object> table = view.getMap("breakdowns.find { it.dimension == '" + dimension + "' }");
        @SuppressWarnings("unchecked")
        var columns = (List<Map<String, Object>>) table.get("columns");
        var rows = new LinkedHashMap<String, List<String>>();
        @SuppressWarnings("unchecked")
        var tableRows = (List<Map<String, Object>>) table.get("rows");
        for (Map<String, Object> row : tableRows) {
            var shown = new ArrayList<String>();
            shown.add(row.get("label").toString());
            @SuppressWarnings("unchecked")
            var values = (List<Number>) row.get("values");
            for (int i = 0; i < columns.size(); i++) {
                @SuppressWarnings("unchecked")
                var metric = (Map<String, Object>) columns.get(i).get("metric");
                shown.add(inUnit(values.get(i), (String) metric.get("unit")));
            }
            rows.put(row.get("key") == null ? "" : row.get("key").toString(), shown);
        }
        return rows;
    }

    private static String inUnit(Number value, String unit) {
        if (value == null) {
            return "–";
        }
        return "ratio".equals(unit) || "percent".equals(unit) ? rate(value.doubleValue()) : count(value);
    }

    private static List<Double> values(List<?> numbers) {
        var values = new ArrayList<Double>();
        numbers.forEach(n -> values.add(n == null ? null : ((Number) n).doubleValue()));
        return values;
    }

    private static String count(Object value) {
        return String.format(Locale.US, "%,d", Math.round(((Number) value).doubleValue()));
    }

    private static String rate(double share) {
        return String.format(Locale.US, "%.1f %%", 100 * share);
    }

    private static JsonPath api(String token, String path) {
        String body = given().auth().oauth2(token).get(path).then().statusCode(200).extract().asString();
        return new JsonPath(body).using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/dashboard/?" + MAY + "&granularity=" + GRANULARITY;
    }
}
