package org.moderation.bi.catalog.metric.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Puts hostile text into every name a definition has (key, type, unit, aggregation, columns, time, operators,
 * grains, dimensions, breakdown, metric references, arithmetic) and hostile shapes around them. Every one is a 400,
 * nothing is stored, and the schema is unchanged.
 */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class HostileDefinitionsTest {

    private static final String ADMIN = Tokens.superadmin();
    private static final List<String> HOSTILE = List.of(
            "'; DROP TABLE catalog.metrics; --", "id; DROP TABLE metric_versions", "(SELECT 1)", "platform--",
            "platform/**/OR/**/1=1", "$$; DROP SCHEMA catalog CASCADE; $$", "pl\u0430tform", "\uFF50latform",
            "plat\u200Bform", "PLATFORM", "\"platform\"", "Community", "count(*)", "pg_sleep(10)", "x".repeat(3000));

    /** Where in a valid definition (as JSON) a hostile name can go. */
    private static final List<BiFunction<Map<String, Object>, String, Map<String, Object>>> PLACES = List.of(
            (d, h) -> put(d, h, "key"),
            (d, h) -> put(d, h, "type"),
            (d, h) -> put(d, h, "unit"),
            (d, h) -> put(d, h, "measure", "aggregation"),
            (d, h) -> put(d, h, "measure", "column"),
            (d, h) -> put(d, h, "measure", "time"),
            (d, h) -> putFilter(d, "column", h),
            (d, h) -> putFilter(d, "op", h),
            (d, h) -> putList(d, "grains", h),
            (d, h) -> putList(d, "dimensions", h),
            (d, h) -> putList(d, "breakdown", h),
            (d, h) -> derived(d, Map.of("metric", h)),
            (d, h) -> derived(d, Map.of("op", h, "args", List.of(Map.of("metric", "submissions"), Map.of("constant", 1)))));

    @Test
    void hostileDefinitionsAreRefusedAndChangeNothing() throws Exception {
        List<String> schema = CatalogDatabase.schemaSnapshot();
        String metrics = given().auth().oauth2(ADMIN).get("/api/v1/metrics").asString();
        int tried = 0;
        for (String hostile : HOSTILE) {
            for (var place : PLACES) {
                refused(place.apply(valid(), hostile));
                tried++;
            }
        }
        for (Object shape : hostileShapes()) {
            refused(shape);
            tried++;
        }

        assertThat(tried).isGreaterThan(200);
        assertThat(CatalogDatabase.schemaSnapshot()).isEqualTo(schema);
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/metrics").asString()).isEqualTo(metrics);
    }

    private static List<Object> hostileShapes() {
        var deep = new StringBuilder("{\"op\": \"add\", \"args\": [");
        for (int i = 0; i < 600; i++) {
            deep.append("{\"op\": \"add\", \"args\": [{\"constant\": 1}, ");
        }
        deep.append("{\"metric\": \"submissions\"}").append("]}".repeat(600)).append(", {\"constant\": 1}]}");
        var huge = new ArrayList<Object>();
        for (int i = 0; i < 2000; i++) {
            huge.add("meta" + i);
        }
        var manyFilters = new ArrayList<Object>();
        for (int i = 0; i < 100; i++) {
            manyFilters.add(Map.of("column", "platform", "op", "eq", "value", "meta"));
        }
        String derivedDeep = "{\"key\": \"deep_one\", \"name\": \"d\", \"description\": \"d\", \"type\": \"derived\", "
                + "\"unit\": \"count\", \"expression\": " + deep + "}";
        return List.of(
                derivedDeep,
                with(valid(), "measure", Map.of("aggregation", "count", "time", "submitted_at",
                        "filters", List.of(Map.of("column", "platform", "op", "in", "values", huge)))),
                with(valid(), "measure", Map.of("aggregation", "count", "time", "submitted_at", "filters", manyFilters)),
                with(valid(), "measure", Map.of("aggregation", "count", "time", "submitted_at", "sql", "SELECT 1")),
                with(valid(), "sql", "DROP TABLE catalog.metrics"),
                with(valid(), "grains", "day"),
                with(valid(), "name", "n".repeat(121)),
                "[]", "\"a string\"", "{\"key\": ", "{\"key\": \"a\", \"key\": \"b\", " + "\"x\": 1,".repeat(10) + "}",
                derived(valid(), Map.of("metric", "deep_one")),
                derived(valid(), Map.of("metric", "submissions", "constant", 1)));
    }

    private static void refused(Object body) {
        var request = given().auth().oauth2(ADMIN).contentType(ContentType.JSON);
        var answer = (body instanceof String raw ? request.body(raw) : request.body(body)).post("/api/v1/metrics");
        String why = String.valueOf(body);
        why = why.length() > 300 ? why.substring(0, 300) : why;
        assertThat(answer.statusCode()).as(why).isIn(400, 413);
        assertThat(answer.asString()).as(why).doesNotContain("Exception").doesNotContain("org.moderation");
    }

    private static Map<String, Object> valid() {
        try {
            var json = DefinitionHash.canonicalJson(MetricResourceTest.definition("fuzzed_metric", "Fuzzed"));
            return new ObjectMapper().readValue(json, new TypeReference<HashMap<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> with(Map<String, Object> definition, String field, Object value) {
        definition.put(field, value);
        return definition;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> put(Map<String, Object> definition, String hostile, String... path) {
        Map<String, Object> target = definition;
        for (int i = 0; i < path.length - 1; i++) {
            target = (Map<String, Object>) target.get(path[i]);
        }
        target.put(path[path.length - 1], hostile);
        return definition;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> putFilter(Map<String, Object> definition, String field, String hostile) {
        var measure = (Map<String, Object>) definition.get("measure");
        var filter = new HashMap<String, Object>(Map.of("column", "platform", "op", "eq", "value", "meta"));
        filter.put(field, hostile);
        measure.put("filters", List.of(filter));
        return definition;
    }

    private static Map<String, Object> putList(Map<String, Object> definition, String field, String hostile) {
        definition.put(field, List.of("platform".equals(hostile) ? "day" : hostile));
        return definition;
    }

    private static Map<String, Object> derived(Map<String, Object> definition, Map<String, Object> expression) {
        definition.put("type", "derived");
        definition.remove("measure");
        definition.put("expression", expression);
        return definition;
    }
}
