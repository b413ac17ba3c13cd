package org.moderation.bi.dashboard.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.Hostile;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Throws hostile query bodies at the metric endpoint. Names (key, grain, group-by, filter column and operator)
 * and shapes are refused with a 400; values are bound, so they match nothing and change nothing. Afterwards the
 * database's schema and data are as before.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class HostileQueriesTest {

    @Inject
    ReadModelFreshness freshness;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        freshness.poll();
        CatalogStub.up();
    }

    @Test
    void hostileNamesShapesAndValuesAre400sAndTouchNothing() throws SQLException {
        List<String> before = ReadModelDatabase.schemaAndCounts();
        var random = new Random(20261122);
        int names = 0;
        int values = 0;
        for (String hostile : Hostile.STRINGS) {
            for (Map<String, Object> body : hostileNames(hostile)) {
                assertRefused(post("submissions", body), body);
                names++;
            }
            if (MetricValidator.KEY.matcher(hostile).matches()) {
                assertThat(post(hostile, may()).statusCode()).as(hostile).isEqualTo(404); // well-formed, not in the catalog
            } else {
                assertRefused(post(hostile, may()), hostile);
            }
            for (Map<String, Object> body : hostileValues(hostile, random)) {
                // Every column a filter may compare text with has a known vocabulary: a value outside it is refused.
                assertRefused(post("submissions", body), body);
                values++;
            }
        }
        for (Object body : hostileShapes()) {
            assertRefused(post("submissions", body), body);
            names++;
        }

        assertThat(names).isGreaterThan(150);
        assertThat(values).isGreaterThan(40);
        assertThat(ReadModelDatabase.schemaAndCounts()).isEqualTo(before);
    }

    private static List<Map<String, Object>> hostileNames(String hostile) {
        var bodies = new ArrayList<Map<String, Object>>();
        bodies.add(with("granularity", hostile));
        bodies.add(with("groupBy", List.of(hostile)));
        bodies.add(with("groupBy", List.of("platform", hostile)));
        bodies.add(with("filters", List.of(Map.of("column", hostile, "op", "eq", "value", "meta"))));
        bodies.add(with("filters", List.of(Map.of("column", "platform", "op", hostile, "value", "meta"))));
        bodies.add(with("filters", List.of(Map.of("column", "report_count", "op", "gt", "value", hostile))));
        bodies.add(with("filters", List.of(Map.of("column", "submitted_at", "op", "lt", "value", hostile))));
        bodies.add(with("from", hostile));
        bodies.add(with("to", hostile));
        if (hostile.length() > 200 || hostile.contains("\u0000")) {
            bodies.add(with("filters", List.of(Map.of("column", "platform", "op", "eq", "value", hostile))));
        }
        return bodies;
    }

    /** Hostile text where text is a value: a string compared with a dimension (community's known slugs included). */
    private static List<Map<String, Object>> hostileValues(String hostile, Random random) {
        if (hostile.length() > 200 || hostile.contains("\u0000")) {
            return List.of(); // refused as names are (see hostileNames): too long for a value, or not storable text
        }
        String column = List.of("platform", "platform_detail", "status", "takedown_source", "community")
                .get(random.nextInt(5));
        return List.of(
                with("filters", List.of(Map.of("column", column, "op", "eq", "value", hostile))),
                with("filters", List.of(Map.of("column", column, "op", "in", "values", List.of(hostile, hostile + "'")))));
    }

    private static List<Object> hostileShapes() {
        String deep = "[".repeat(3000) + "\"meta\"" + "]".repeat(3000);
        var huge = new ArrayList<Object>();
        for (int i = 0; i < 1500; i++) {
            huge.add("v" + i);
        }
        return List.of(
                "{\"from\": \"2024-05-01\", \"to\": \"2024-06-01\", \"filters\": [{\"column\": \"platform\", "
                        + "\"op\": \"eq\", \"value\": " + deep + "}]}",
                with("filters", List.of(Map.of("column", "platform", "op", "in", "values", huge))),
                with("groupBy", "platform"),
                with("filters", Map.of("column", "platform")),
                with("filters", List.of(Map.of("column", "platform", "op", "eq", "value", "meta", "sql", "1=1"))),
                with("sql", "SELECT 1"),
                with("version", "1; DROP TABLE submissions"),
                "[]",
                "{\"from\": \"2024-05-01\", \"to\": ",
                "{\"from\": \"2024-05-01\", \"to\": \"2024-06-01\", \"filters\": [" + "{},".repeat(30) + "{}]}");
    }

    private static void assertRefused(Response answer, Object body) {
        String why = String.valueOf(body);
        why = why.length() > 300 ? why.substring(0, 300) : why;
        assertThat(answer.statusCode()).as(why).isIn(400, 413, 414);
        String text = answer.asString();
        assertThat(text).as(why).doesNotContain("Exception").doesNotContain("org.moderation").doesNotContain("at java.");
    }

    private static final String SUPERADMIN = Tokens.superadmin();

    private static Response post(String key, Object body) {
        var request = given().auth().oauth2(SUPERADMIN).contentType(ContentType.JSON);
        return (body instanceof String raw ? request.body(raw) : request.body(body))
                .post("/api/v1/metrics/{key}/query", key);
    }

    private static Map<String, Object> may() {
        return new HashMap<>(Map.of("from", "2024-05-01", "to", "2024-06-01"));
    }

    private static Map<String, Object> with(String field, Object value) {
        var body = may();
        body.put(field, value);
        return body;
    }
}
