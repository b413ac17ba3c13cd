package org.moderation.bi.dashboard.submissions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.DrillDowns;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.JsonNumbers;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/** The submissions behind the numbers of {@link Fixture}'s May 2024, worked out by hand. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class SubmissionsResourceTest {

    private static final String MAY = "from=2024-05-01&to=2024-06-01";
    private static final String LIST = "/api/v1/submissions?" + MAY;

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

    /** May's removal rate is 3 of 5 (the overview's): its list is either side of the division. */
    @Test
    void aRatioListsItsNumeratorOrItsDenominatorAsTheNumberCountsThem() {
        get(Tokens.superadmin(), LIST + "&metric=removal_rate&version=1&part=numerator").statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(3))
                .body("provenance.metric", equalTo("removal_rate"))
                .body("rule", containsString("its numerator"));
        get(Tokens.superadmin(), LIST + "&metric=removal_rate&version=1&part=denominator").statusCode(200)
                .body("total", equalTo(5)).body("items", hasSize(5));
        get(Tokens.superadmin(), LIST + "&metric=removal_rate").statusCode(400)
                .body("message", containsString("part=numerator or part=denominator"));
        get(Tokens.superadmin(), LIST + "&metric=removals&part=numerator").statusCode(400)
                .body("message", containsString("part goes with a ratio metric"));
        get(Tokens.superadmin(), LIST + "&measure=removed&part=numerator").statusCode(400)
                .body("message", containsString("version and part go with metric"));
        get(Tokens.superadmin(), LIST + "&metric=removal_rate&part=half").statusCode(400);
    }

    @Test
    void theRemovedOfMayAreListedNewestFirstWithWhatMakesThemCount() {
        get(Tokens.superadmin(), LIST + "&measure=removed").statusCode(200)
                // s6 (report 05-16), s1 (earliest report 05-05), s3 (removed_at 05-02); s2 only in June
                .body("total", equalTo(3))
                .body("items.legacyId", contains(6, 1, 3))
                .body("items[1].effectiveTakedownAt", equalTo("2024-05-05T00:00:00Z"))
                .body("items[1].takedownSource", equalTo("report_flow"))
                .body("items[1].reportCount", equalTo(3))
                .body("items[1].at", equalTo("2024-05-05T00:00:00Z"))
                .body("items[1].community", equalTo("north"))
                // What a moderator acts on: the post's link, the beginning of its text, its author
                .body("items[1].url", equalTo("https://m.facebook.com/story.php?id=1"))
                .body("items[1].link", equalTo("https://m.facebook.com/story.php?id=1"))
                .body("items[1].excerpt", equalTo("Buy followers now at the link in bio"))
                .body("items[1].authorHandle", equalTo("@spam_bot_1"))
                .body("items[0].link", nullValue())
                .body("items[0].excerpt", nullValue())
                .body("items[0].community", nullValue())
                .body("items[2].takedownSource", equalTo("legacy_fallback"))
                .body("items.explanation", everyItem(containsString("/explain")))
                .body("next", nullValue())
                .body("measure", equalTo("removed"))
                .body("provenance.metric", equalTo("removals"))
                .body("provenance.definitionHash", notNullValue())
                .body("provenance.readFrom", contains("mv_monthly_by_community_rollup", "mv_submission_facts"))
                .body("rule", containsString("effective takedown time"))
                .body("window.from", equalTo("2024-05-01T00:00:00Z"))
                .body("scope.allCommunities", equalTo(true))
                .body("freshness.version", notNullValue());
    }

    @Test
    void everyNumberOfTheOverviewIsTheTotalOfItsList() {
        assertThat(DrillDowns.overview(Tokens.superadmin(), MAY)).as("numbers drilled into").isGreaterThan(20);
        assertThat(DrillDowns.overview(Tokens.communityManager("north"), MAY)).isGreaterThan(5);
        assertThat(DrillDowns.overview(Tokens.superadmin(), MAY + "&community=south")).isGreaterThan(5);
        assertThat(DrillDowns.overview(Tokens.superadmin(), "from=2024-05-01T06:00:00&to=2024-05-20&tz=Europe/Berlin"))
                .isGreaterThan(5);
    }

    @Test
    void everyBarOfTheSeriesIsTheTotalOfItsList() {
        assertThat(DrillDowns.series(Tokens.superadmin(), "submissions", MAY + "&granularity=week")).isEqualTo(5);
        assertThat(DrillDowns.series(Tokens.superadmin(), "removals", MAY + "&granularity=day&tz=Europe/Berlin"))
                .isEqualTo(31);
    }

    @Test
    void aGroupOfWhatIsRemovedListsTheSubmissionsHavingThatValue() {
        // May: holocaust_denial on s1 and s6; nwo on s1 and s2; s1's effective takedown came through platform_form.
        get(Tokens.superadmin(), LIST + "&measure=submitted&category=holocaust_denial").statusCode(200)
                .body("total", equalTo(2)).body("items.legacyId", contains(6, 1));
        get(Tokens.communityManager("north"), LIST + "&measure=submitted&hashtag=nwo").statusCode(200)
                .body("total", equalTo(2)).body("items.legacyId", contains(2, 1));
        get(Tokens.superadmin(), LIST + "&measure=removed&takedownChannel=platform_form").statusCode(200)
                .body("total", equalTo(1)).body("items.legacyId", contains(1));
        get(Tokens.superadmin(), LIST + "&measure=submitted&hashtag=#NWO").statusCode(400)
                .body("message", equalTo("hashtag: '#NWO' is not how hashtag values are kept; write 'nwo'"));
        get(Tokens.superadmin(), LIST + "&measure=submitted&reportChannel=fax").statusCode(400)
                .body("message", containsString("'fax' is not a value of report_channel"));
    }

    @Test
    void aListOfAValueNoSubmissionHadIsEmptyAndSaysSoNamingTheClosestSeen() {
        get(Tokens.superadmin(), LIST + "&measure=submitted&hashtag=nwoo&category=holocaust_denial").statusCode(200)
                .body("total", equalTo(0))
                .body("warnings.path", contains("hashtag"))
                .body("warnings[0].message", equalTo("no submission has had the hashtag 'nwoo' yet: it counts "
                        + "nothing until one does; closest seen: 'nwo'"));
        get(Tokens.superadmin(), LIST + "&measure=submitted&hashtag=nwo").statusCode(200)
                .body("warnings", empty());
    }

    @Test
    void aSearchFindsThePostsWordsAuthorsAndLinksAndItsTotalIsItsRows() {
        // s1's post: "Buy followers now at the link in bio" by @spam_bot_1 at m.facebook.com/story.php?id=1; a
        // post without a language is read word for word (no stemming), in any case.
        for (String found : List.of("FOLLOWERS", "\"link in bio\"", "buy -spam", "SPAM_BOT", "story.php")) {
            get(Tokens.superadmin(), LIST + "&measure=submitted&q=" + found).statusCode(200)
                    .body("total", equalTo(1)).body("items", hasSize(1)).body("items[0].legacyId", equalTo(1))
                    .body("filters.q", notNullValue());
        }
        for (String missed : List.of("followers -bio", "spam%bot", "bot_2", "\"bio link\"")) {
            get(Tokens.superadmin(), LIST + "&measure=submitted&q=" + missed).statusCode(200)
                    .body("total", equalTo(0)).body("items", hasSize(0));
        }
        // Why it matched: its words around the matched ones, each match a segment of its own; none for an author.
        get(Tokens.superadmin(), LIST + "&measure=submitted&q=followers OR bio").statusCode(200)
                .body("items[0].matched.findAll { it.match }.text", contains("followers", "bio"))
                .body("items[0].matched.text.join('')", equalTo("followers now at the link in bio"));
        get(Tokens.superadmin(), LIST + "&measure=submitted&q=spam_bot").statusCode(200)
                .body("items[0].matched", nullValue());
        get(Tokens.superadmin(), LIST + "&measure=submitted").statusCode(200)
                .body("items.matched", everyItem(nullValue()));
        get(Tokens.communityManager("south"), LIST + "&measure=submitted&q=followers").statusCode(200)
                .body("total", equalTo(0));
        get(Tokens.superadmin(), LIST + "&measure=submitted&q= ").statusCode(400)
                .body("message", containsString("q is a search of 1 to 200 characters"));
        get(Tokens.superadmin(), LIST + "&measure=submitted&q=" + "x".repeat(201)).statusCode(400);
    }

    @Test
    void aCommunityManagersListsHoldOnlyTheirCommunities() {
        String manager = Tokens.communityManager("north");
        get(manager, LIST + "&measure=submitted").statusCode(200)
                .body("total", equalTo(2)).body("items.community", everyItem(equalTo("north")))
                .body("scope.communities", contains("north"));
        get(manager, LIST + "&measure=submitted&noCommunity=true").statusCode(200)
                .body("total", equalTo(0)).body("items", empty());
        get(manager, LIST + "&measure=submitted&community=south").statusCode(403).body("error", equalTo("out_of_scope"));
        get(Tokens.communityManager(), LIST + "&measure=submitted").statusCode(200).body("total", equalTo(0));
        get(Tokens.superadmin(), LIST + "&measure=submitted&community=nowhere").statusCode(400)
                .body("error", equalTo("unknown_community"));
    }

    @Test
    void pagesFollowTheCursorWithoutLosingOrRepeatingARow() {
        String admin = Tokens.superadmin();
        var ids = new ArrayList<Object>();
        ValidatableResponse page = get(admin, LIST + "&measure=submitted&limit=2").body("total", equalTo(5));
        ids.addAll(page.extract().jsonPath().getList("items.legacyId"));
        String next = page.extract().path("next");
        while (next != null) {
            page = get(admin, LIST + "&measure=submitted&limit=2&after=" + next).body("total", nullValue());
            ids.addAll(page.extract().jsonPath().getList("items.legacyId"));
            next = page.extract().path("next");
        }
        // submitted newest first: s7 05-28, s4 05-20, s6 05-15, s2 05-04, s1 05-03
        assertThat(ids).containsExactly(7, 4, 6, 2, 1);
    }

    @Test
    void aMistakeIsA400ThatSaysWhatIsWrong() {
        String admin = Tokens.superadmin();
        for (String[] wrong : List.of(
                new String[] {LIST, "either measure"},
                new String[] {LIST + "&measure=submitted&metric=submissions", "either measure"},
                new String[] {LIST + "&measure=everything", "measure 'everything'"},
                new String[] {LIST + "&measure=removed&platform=myspace", "platform 'myspace' is not one of"},
                new String[] {LIST + "&measure=removed&platformDetail=Facebook", "platformDetail 'Facebook'"},
                new String[] {LIST + "&measure=removed&takedownSource=email", "takedownSource 'email'"},
                new String[] {LIST + "&measure=removed&takenDown=yes", "takenDown 'yes'"},
                new String[] {LIST + "&measure=removed&noCommunity=false", "noCommunity 'false'"},
                new String[] {LIST + "&measure=removed&limit=0", "limit '0' is not a whole number between 1 and 500"},
                new String[] {LIST + "&measure=removed&limit=501", "limit '501' is not a whole number between 1 and 500"},
                // Quarkus' own conversion answered these with a 404 "there is no GET /api/v1/submissions".
                new String[] {LIST + "&measure=removed&limit=abc", "limit 'abc' is not a whole number between 1 and 500"},
                new String[] {LIST + "&measure=removed&limit=2147483648", "limit '2147483648' is not a whole number"},
                new String[] {LIST + "&measure=removed&limit=1e3", "limit '1e3' is not a whole number"},
                new String[] {LIST + "&metric=removals&version=abc", "version 'abc' is not a whole number between 1 and"},
                new String[] {LIST + "&metric=removals&version=0", "version '0' is not a whole number between 1 and"},
                new String[] {LIST + "&measure=removed&after=bm90LWEtY3Vyc29y", "not a cursor"},
                // decodes, but to a time no row of this list has: far before any date PostgreSQL knows, or in 2023
                new String[] {LIST + "&measure=removed&after=" + cursor("-9000000000000000000.1"), "not a cursor"},
                new String[] {LIST + "&measure=removed&after=" + cursor("1700000000000000.3"), "not a cursor"},
                new String[] {LIST + "&measure=removed&platform=x&platform=meta", "given more than once: platform"},
                new String[] {LIST + "&measure=removed&version=2", "version and part go with metric"},
                new String[] {LIST + "&measure=removed&format=xml", "format 'xml'"},
                new String[] {LIST + "&measure=removed&sort=oldest", "unknown parameter(s): sort"},
                new String[] {"/api/v1/submissions?measure=removed&to=2024-06-01", "from is required"},
                new String[] {LIST + "&metric=" + CatalogStub.DERIVED, "derived metric"},
                new String[] {LIST + "&metric=Removals", "not a metric key"})) {
            get(admin, wrong[0]).statusCode(400).body("message", containsString(wrong[1]));
        }
    }

    /** Quarkus' own conversion of a number that is none answered 404 "there is no GET /api/v1/submissions". */
    @Test
    void aNumberThatIsNoneIsA400NamingTheParameter() {
        get(Tokens.superadmin(), LIST + "&measure=removed&limit=abc").statusCode(400)
                .contentType(containsString("application/json")).body("error", equalTo("bad_request"))
                .body("message", equalTo("limit 'abc' is not a whole number between 1 and 500"))
                .body("details", contains("limit"));
    }

    /** A client that asked for CSV is refused in the error shape all the same: there is no CSV of a refusal. */
    @Test
    void aRefusedExportAnswersInTheErrorShape() {
        given().auth().oauth2(Tokens.superadmin()).accept("text/csv").get(LIST + "&measure=everything").then()
                .statusCode(400).contentType(containsString("application/json")).body("error", equalTo("bad_request"));
        given().auth().oauth2(Tokens.communityManager("north")).accept("text/csv")
                .get(LIST + "&measure=submitted&community=south").then()
                .statusCode(403).contentType(containsString("application/json")).body("error", equalTo("out_of_scope"));
        given().auth().oauth2(Tokens.superadmin()).get(LIST + "&measure=submitted&community=nowhere&format=csv").then()
                .statusCode(400).contentType(containsString("application/json"))
                .body("error", equalTo("unknown_community"));
        given().accept("text/csv").get(LIST + "&measure=submitted").then()
                .statusCode(401).contentType(containsString("application/json")).body("error", equalTo("missing_token"));
        given().auth().oauth2(Tokens.superadmin()).accept("text/csv").get("/api/v1/overview?from=2024-05-01").then()
                .statusCode(400).contentType(containsString("application/json")).body("error", equalTo("bad_request"));
    }

    /** A cursor as the service writes them: microseconds since the epoch and a submission id, base64url. */
    private static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPublishedSimpleCatalogMetricListsWhatItCounts() {
        get(Tokens.communityManager("north"), LIST + "&metric=removals").statusCode(200)
                .body("total", equalTo(1)).body("provenance.metric", equalTo("removals"))
                .body("provenance.version", equalTo(2)).body("measure", equalTo("removals"));
        // v2 of the versioned metric is deprecated, v3 a draft: only a superadmin may list them; the catalog does
        // not show them to anyone else, for whom they do not exist
        for (int version : new int[] {2, 3}) {
            get(Tokens.communityManager("north"), LIST + "&metric=" + CatalogStub.VERSIONED + "&version=" + version)
                    .statusCode(404).body("error", equalTo("not_found"));
        }
        // v2 sums a column: its list holds the submissions the sum is computed from, and says so
        get(Tokens.superadmin(), LIST + "&metric=" + CatalogStub.VERSIONED + "&version=2").statusCode(200)
                .body("rule", containsString("the sum of report_count is computed from"));
        // the draft counts removals: May's three
        get(Tokens.superadmin(), LIST + "&metric=" + CatalogStub.VERSIONED + "&version=3").statusCode(200)
                .body("provenance.version", equalTo(3)).body("total", equalTo(3));
        get(Tokens.superadmin(), LIST + "&metric=no_such_metric").statusCode(404);
    }

    @Test
    void theCsvExportHasTheJsonsRowsUnderLinesThatSayWhatTheyAre() {
        String admin = Tokens.superadmin();
        var page = get(admin, LIST + "&measure=submitted&limit=500").extract().jsonPath();
        List<Object> json = page.getList("items.submissionId");
        String csv = given().auth().oauth2(admin).accept("text/csv").get(LIST + "&measure=submitted").then()
                .statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("submissions-submitted.csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("# rule: Submissions submitted in the window"))
                .anyMatch(l -> l.equals("# window: [2024-05-01T00:00:00Z, 2024-06-01T00:00:00Z)"))
                .anyMatch(l -> l.equals("# scope: superadmin, every community"))
                .anyMatch(l -> l.startsWith("# read model: version " + page.getLong("freshness.version") + ", "));
        List<String> rows = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines.stream().filter(l -> l.startsWith("#")).toList().getLast())
                .as("the last comment: the rows below, as many as the list's total")
                .isEqualTo("# rows: " + page.getInt("total")).isEqualTo("# rows: " + (rows.size() - 1));
        assertThat(rows.getFirst()).startsWith("submission_id,legacy_id,community,platform,platform_detail")
                .endsWith(",explanation,post_url,excerpt,author_handle");
        assertThat(rows).as("a handle starts with @, which a spreadsheet takes for a formula: quoted, as any such cell")
                .anyMatch(r -> r.endsWith(
                        ",https://m.facebook.com/story.php?id=1,Buy followers now at the link in bio,'@spam_bot_1"));
        assertThat(rows.stream().skip(1).map(r -> (Object) Integer.valueOf(r.split(",")[0])).toList())
                .isEqualTo(json);
        assertThat(given().auth().oauth2(admin).get(LIST + "&measure=submitted&format=csv").asString())
                .as("format=csv, whatever the Accept header").isEqualTo(csv);
    }

    @Test
    void theOverviewsBreakdownsExportAsCsvWithTheJsonsNumbers() {
        String admin = Tokens.superadmin();
        var json = get(admin, "/api/v1/overview?" + MAY).statusCode(200).extract().jsonPath();
        var expected = new ArrayList<String>();
        Object mature = json.get("removalRateMaturity.mature");
        expected.add(line("total", "", "", json.get("submissions"), json.get("removed"), json.get("removalRate"),
                mature));
        for (var row : json.<Map<String, Object>>getList("byPlatform")) {
            expected.add(line("platform", row.get("platform"), "", row.get("submissions"), row.get("removed"),
                    row.get("removalRate"), mature));
        }
        for (var row : json.<Map<String, Object>>getList("byCommunity")) {
            expected.add(line("community", row.get("community"), row.get("label"), row.get("submissions"),
                    row.get("removed"), row.get("removalRate"), mature));
        }
        json.<String, Object>getMap("takedownSources").forEach((source, removed) ->
                expected.add(line("takedown_source", source, "", null, removed, null, null)));

        String csv = given().auth().oauth2(admin).get("/api/v1/overview?" + MAY + "&format=csv").then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.lines()).containsAll(expected).contains("community,,no community,1,1,1.0,true")
                .contains("breakdown,key,label,submissions,removed,removal_rate,removal_rate_mature")
                .contains("# overview: totals and breakdowns; removal_rate is taken down within 14 days of submission "
                        + "over submitted, per row; removal_rate_mature: true, the window's submissions are all that "
                        + "old")
                .contains("# rows: " + (csv.lines().filter(l -> !l.startsWith("#")).count() - 1));
        assertThat(csv.lines()).anyMatch(l -> l.startsWith("# removed: metric removals v1"))
                .anyMatch(l -> l.contains("effective takedown time (earliest report takedown, else the legacy removed_at)"))
                .anyMatch(l -> l.startsWith("# window: [2024-05-01T00:00:00Z"));
    }

    /**
     * A young window's rate is immature in the overview's JSON and CSV, and in the list of its numerator (the rows
     * taken down within 14 days, which more may still join).
     */
    @Test
    void aYoungWindowsRateIsImmatureInTheOverviewItsCsvAndItsList() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String recent = "from=" + today.minusDays(6) + "&to=" + today.plusDays(1);
        String admin = Tokens.superadmin();
        get(admin, "/api/v1/overview?" + recent).statusCode(200)
                .body("removalRateMaturity.mature", equalTo(false))
                .body("removalRateMaturity.maturesAt", equalTo(today.plusDays(15) + "T00:00:00Z"));
        String csv = given().auth().oauth2(admin).get("/api/v1/overview?" + recent + "&format=csv").then()
                .statusCode(200).extract().asString();
        assertThat(csv.lines()).anyMatch(l -> l.startsWith("# overview:") && l.contains("removal_rate_mature: false, "
                + "immature: its submissions are not all 14 days old until " + today.plusDays(15)))
                .anyMatch(l -> l.startsWith("total,") && l.endsWith(",false"));
        get(admin, LIST.replace(MAY, recent) + "&metric=removal_rate&part=numerator").statusCode(200)
                .body("maturity.mature", equalTo(false))
                .body("rule", containsString("The list holds the submissions its numerator counts: those taken down "
                        + "within 14 days of their submission."));
        String list = given().auth().oauth2(admin).accept("text/csv")
                .get(LIST.replace(MAY, recent) + "&metric=removal_rate&part=numerator").then().statusCode(200)
                .extract().asString();
        assertThat(list.lines()).anyMatch(l -> l.startsWith("# maturity: immature, its submissions are not all 14 "
                + "days old until " + today.plusDays(15)));
        get(admin, LIST + "&metric=removal_rate&part=numerator").statusCode(200)
                .body("maturity.mature", equalTo(true)).body("total", equalTo(2));
        get(admin, LIST + "&measure=submitted").statusCode(200).body("maturity", nullValue());
    }

    /** A CSV line as the export writes it: nulls empty, numbers as Java prints them. */
    private static String line(Object... cells) {
        return String.join(",", Arrays.stream(cells).map(c -> c == null ? "" : String.valueOf(c)).toList());
    }

    @Test
    void onlyADashboardRoleWithAValidTokenGetsAList() {
        given().get(LIST + "&measure=removed").then().statusCode(401).body("error", equalTo("missing_token"));
        given().auth().oauth2(Tokens.expired()).get(LIST + "&measure=removed").then().statusCode(401);
        get(Tokens.withoutRole(), LIST + "&measure=removed").statusCode(403).body("error", equalTo("forbidden"));
    }

    private static ValidatableResponse get(String token, String path) {
        return given().auth().oauth2(token).get(path).then();
    }
}
