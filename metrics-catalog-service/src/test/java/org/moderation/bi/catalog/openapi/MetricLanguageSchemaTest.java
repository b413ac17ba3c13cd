package org.moderation.bi.catalog.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricLookup;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.ArithmeticOp;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary.MetricType;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;
import org.moderation.bi.shared.metrics.Vocabulary.Unit;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The published OpenAPI document shows the metric language as the validator checks it, with examples that pass. */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class MetricLanguageSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MetricLookup BUILT_INS = key -> BuiltInMetrics.ALL.stream().filter(m -> m.key().equals(key)).findFirst();
    private static final List<String> DEFINITION_REQUESTS = List.of(
            "/paths/~1api~1v1~1metrics/post", "/paths/~1api~1v1~1metrics~1{key}~1versions~1{version}/put");

    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        document = JSON.readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void everyWordOfTheLanguageIsAnEnumTakenFromItsOwnLists() {
        assertThat(strings("MetricDefinition/properties/type/enum")).isEqualTo(words(MetricType.class));
        assertThat(strings("MetricDefinition/properties/unit/enum")).isEqualTo(words(Unit.class));
        assertThat(strings("MetricDefinition/properties/grains/items/enum")).isEqualTo(words(Grain.class));
        assertThat(strings("MetricDefinition/properties/dimensions/items/enum"))
                .isEqualTo(columns(c -> c.kind() == Column.Kind.DIMENSION))
                .isEqualTo(strings("MetricDefinition/properties/breakdown/items/enum"))
                .contains("community", "takedown_source");
        assertThat(strings("Measure/properties/aggregation/enum")).isEqualTo(words(Aggregation.class));
        assertThat(strings("Measure/properties/column/enum")).isEqualTo(columns(c -> true));
        assertThat(strings("Measure/properties/time/enum")).containsExactly("submitted_at", "effective_takedown_at");
        assertThat(strings("Filter/properties/column/enum")).isEqualTo(columns(c -> true));
        assertThat(strings("Filter/properties/op/enum")).isEqualTo(words(Operator.class)).contains("not_in", "is_null");
        assertThat(strings("Expression/properties/op/enum")).isEqualTo(words(ArithmeticOp.class));
        assertThat(schema("MetricDefinition/properties/key/pattern").asText()).isEqualTo("^[a-z][a-z0-9_]{0,62}$");
        assertThat(strings("MetricVersionView/properties/status/enum")).containsExactly("draft", "published", "deprecated");
    }

    /** The resource is the catalog's one versioning resource, typed for metrics: the document names the types. */
    @Test
    void everyRequestAndAnswerNamesItsMetricType() {
        String paths = "/paths/~1api~1v1~1metrics";
        assertThat(document.at(paths + "/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/MetricDefinition");
        assertThat(document.at(paths + "/get/responses/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/MetricSummaryView");
        assertThat(document.at(paths + "~1{key}~1versions~1{version}~1publish/post/responses/200/content/"
                + "application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/MetricVersionView");
        assertThat(document.at(paths + "~1{key}~1changes/get/responses/200/content/application~1json/schema/items/$ref")
                .asText()).isEqualTo("#/components/schemas/MetricChangeView");
        assertThat(document.at(paths + "/post/tags/0").asText()).isEqualTo("Metrics catalog");
    }

    @Test
    void aVersionsWarningsSayWhatTheyAreAndThatTheyNeverRefuse() {
        assertThat(schema("MetricVersionView/properties/warnings/items/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(schema("MetricVersionView/properties/warnings/description").asText())
                .contains("no submission has had yet", "closest values seen", "Never a refusal");
    }

    @Test
    void eachUnitSaysWhatItMeansAndHowThePageWritesIt() {
        String units = schema("MetricDefinition/properties/unit/description").asText();
        for (Unit unit : Unit.values()) {
            assertThat(units).contains(Vocabulary.jsonName(unit) + ": " + unit.meaning());
        }
        assertThat(units).contains("0.357", "35.7%", "never multiplies by 100", "thousands separators", "seconds");
    }

    @Test
    void requiredFieldsAreMarkedAndEachTypeRequiresItsParts() {
        assertThat(strings("MetricDefinition/required")).containsExactlyInAnyOrder("key", "name", "description", "type", "unit");
        assertThat(strings("Measure/required")).containsExactlyInAnyOrder("aggregation", "time");
        assertThat(strings("Filter/required")).containsExactlyInAnyOrder("column", "op");
        var parts = new ArrayList<String>();
        schema("MetricDefinition/allOf").forEach(rule -> parts.add(rule.at("/if/properties/type/const").asText()
                + " requires " + rule.at("/then/required")));
        assertThat(parts).containsExactly("simple requires [\"measure\"]", "ratio requires [\"numerator\",\"denominator\"]",
                "derived requires [\"expression\"]");
    }

    @Test
    void eachMetricTypeHasAnExampleThatTheValidatorAndTheCatalogAccept() throws Exception {
        for (String request : DEFINITION_REQUESTS) {
            JsonNode examples = document.at(request + "/requestBody/content/application~1json/examples");
            var names = new ArrayList<String>();
            examples.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(request).containsExactly("simple", "ratio", "derived");
            for (String type : names) {
                MetricDefinition example = JSON.treeToValue(examples.at("/" + type + "/value"), MetricDefinition.class);
                assertThat(example.type()).isEqualTo(type);
                assertThat(MetricValidator.validate(example, BUILT_INS, KnownValues.CLOSED)).as(type + " example of " + request).isEmpty();
            }
        }
        JsonNode examples = document.at(DEFINITION_REQUESTS.getFirst() + "/requestBody/content/application~1json/examples");
        for (String type : List.of("simple", "ratio", "derived")) {
            // Sent as written in the document, as an admin copying it from Swagger UI would.
            String body = examples.at("/" + type + "/value").toString();
            given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON).body(body).post("/api/v1/metrics")
                    .then().statusCode(201).body("definition.type", equalTo(type));
        }
    }

    private JsonNode schema(String path) {
        JsonNode node = document.at("/components/schemas/" + path);
        assertThat(node.isMissingNode()).as(path + " in the OpenAPI document").isFalse();
        return node;
    }

    private List<String> strings(String path) {
        var values = new ArrayList<String>();
        schema(path).forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> words(Class<? extends Enum<?>> words) {
        return Arrays.stream(words.getEnumConstants()).map(Vocabulary::jsonName).toList();
    }

    private static List<String> columns(Predicate<Column> which) {
        return Arrays.stream(Column.values()).filter(which).map(Column::jsonName).toList();
    }
}
