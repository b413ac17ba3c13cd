package org.moderation.bi.catalog.openapi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import org.moderation.bi.catalog.metric.rest.MetricResource;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.ArithmeticOp;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary.MetricType;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;
import org.moderation.bi.shared.metrics.Vocabulary.Unit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document's view of the metric language, built from the language itself (the words of
 * {@link Vocabulary}, the whitelist {@link Column}, the validator's limits) at build time, so the schema can never
 * offer a word the validator refuses or miss one it accepts. Adds the required fields, the enums, and one valid
 * example per metric type to every request that takes a definition.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class MetricLanguageSchema implements OASFilter {

    private static final String DEFINITION_REF = "#/components/schemas/MetricDefinition";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_EMPTY).build();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        definition(schemas.get("MetricDefinition"));
        measure(schemas.get("Measure"));
        filter(schemas.get("Filter"));
        expression(schemas.get("Expression"));
        property(schemas.get("MetricVersionView"), "status")
                .enumeration(List.of(MetricVersionView.DRAFT, MetricVersionView.PUBLISHED, MetricVersionView.DEPRECATED));
        property(schemas.get("MetricVersionView"), "warnings").description("What the version was accepted with but "
                + "deserves a second look, as of this response: a filter value of category, hashtag, language or "
                + "classifier_label that no submission has had yet counts nothing until one does; the warning names the "
                + "closest values seen. Never a refusal: a metric may be prepared for a new code.");
        var examples = new LinkedHashMap<String, Example>();
        MetricExamples.ALL.forEach((type, definition) -> examples.put(Vocabulary.jsonName(type),
                OASFactory.createExample().summary("A " + Vocabulary.jsonName(type) + " metric: " + definition.name())
                        .value(asJson(definition))));
        definitionRequests(openAPI, MetricResource.PATH, DEFINITION_REF, examples);
    }

    /**
     * Names the schema and the examples of every request under {@code path} that takes a definition: the resources
     * take it as a JSON tree (to answer every mistake in it at once), which says nothing of what it should be.
     */
    static void definitionRequests(OpenAPI openAPI, String path, String schemaRef, Map<String, Example> examples) {
        openAPI.getPaths().getPathItems().entrySet().stream()
                .filter(item -> item.getKey().startsWith(path))
                .flatMap(item -> item.getValue().getOperations().values().stream())
                .filter(operation -> operation.getRequestBody() != null)
                .forEach(operation -> operation.getRequestBody().content(OASFactory.createContent().addMediaType(
                        "application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(schemaRef)).examples(examples))));
    }

    private static void definition(Schema schema) {
        schema.description("A metric in the metric language: JSON, never SQL. The type decides the parts: simple "
                + "a measure; ratio a numerator and a denominator (each summed, then divided); derived an expression "
                + "over published metrics. A part the type does not use is refused.")
                .required(List.of("key", "name", "description", "type", "unit"));
        property(schema, "key").pattern("^" + MetricValidator.KEY.pattern() + "$")
                .description("Lower-case letters, digits and _, starting with a letter; never changes");
        property(schema, "name").minLength(1).maxLength(MetricValidator.MAX_NAME);
        property(schema, "description").minLength(1).maxLength(MetricValidator.MAX_DESCRIPTION);
        property(schema, "type").enumeration(words(MetricType.class));
        property(schema, "unit").enumeration(words(Unit.class)).description(units());
        property(schema, "measure").description("Required for a simple metric, refused otherwise");
        property(schema, "numerator").description("Required for a ratio metric, refused otherwise");
        property(schema, "denominator").description("Required for a ratio metric, refused otherwise");
        property(schema, "expression").description("Required for a derived metric, refused otherwise");
        property(schema, "grains").uniqueItems(true).description("The granularities a query may ask for")
                .getItems().enumeration(words(Grain.class));
        property(schema, "dimensions").uniqueItems(true).maxItems(MetricValidator.MAX_DIMENSIONS)
                .description("What a query may group by").getItems().enumeration(columns(c -> c.kind() == Column.Kind.DIMENSION));
        property(schema, "breakdown").uniqueItems(true)
                .description("Dimensions (each one of dimensions) every answer is grouped by")
                .getItems().enumeration(columns(c -> c.kind() == Column.Kind.DIMENSION));
        property(schema, "horizon").pattern("^P(\\d+D)?(T\\d+H)?$").examples(List.of("P14D", "PT36H"))
                .description("A ratio over a cohort of submissions (numerator and denominator by submitted_at, the "
                        + "numerator counting taken_down eq true) counted within this long of each submission, "
                        + "ISO-8601 whole hours from PT1H to P366D: \"taken down within 14 days of submission\". A "
                        + "window or bucket whose submissions are younger is marked immature in every answer, is not "
                        + "compared with the period before, and is judged by an alert rule only where the rule asks "
                        + "for it. "
                        + "The read model keeps " + BuiltInMetrics.REMOVAL_HORIZON + "'s counts; any other horizon is "
                        + "read from the facts.");
        schema.allOf(List.of(
                partsOf(MetricType.SIMPLE, "measure"),
                partsOf(MetricType.RATIO, "numerator", "denominator"),
                partsOf(MetricType.DERIVED, "expression")));
    }

    /** If type is this one, these parts are required (JSON Schema 2020-12, as OpenAPI 3.1 has it). */
    /** What each unit means and how the page writes it, and which units a definition can have. */
    static String units() {
        return "What the number is, and how the dashboard writes it. "
                + String.join(" ", Arrays.stream(Unit.values())
                        .map(unit -> Vocabulary.jsonName(unit) + ": " + unit.meaning() + ".").toList())
                + " A simple metric is count, or duration when it sums, averages, takes the minimum, maximum or median "
                + "of seconds; a ratio of a count is ratio or percent, a ratio of seconds duration, a ratio of another "
                + "number count, ratio or percent; ratio and percent are for derived ones that do not multiply by 100.";
    }

    private static Schema partsOf(MetricType type, String... parts) {
        return OASFactory.createSchema()
                .ifSchema(OASFactory.createSchema().required(List.of("type"))
                        .properties(Map.of("type", OASFactory.createSchema().constValue(Vocabulary.jsonName(type)))))
                .thenSchema(OASFactory.createSchema().required(List.of(parts)));
    }

    private static void measure(Schema schema) {
        schema.description("One aggregation of the read model mv_submission_facts over the rows whose time column "
                + "falls in the asked window and that pass every filter")
                .required(List.of("aggregation", "time"));
        property(schema, "aggregation").enumeration(words(Aggregation.class));
        property(schema, "column").enumeration(columns(c -> true)).description("Without a column, count counts rows; "
                + "count_distinct needs any column; sum, avg and median a numeric one; min and max a numeric or time one");
        property(schema, "time").enumeration(columns(c -> c.kind() == Column.Kind.TIME))
                .description("The time column the window applies to");
        property(schema, "filters").maxItems(MetricValidator.MAX_FILTERS);
    }

    private static void filter(Schema schema) {
        schema.description("A condition on one column; its values are always bound, never written into SQL")
                .required(List.of("column", "op"));
        property(schema, "column").enumeration(columns(c -> true));
        property(schema, "op").enumeration(words(Operator.class)).description("Strings and ids take eq, neq, in, "
                + "not_in, is_null, is_not_null; booleans eq, neq, is_null, is_not_null; numbers and times every op");
        property(schema, "value").type(List.of(SchemaType.STRING, SchemaType.NUMBER, SchemaType.BOOLEAN))
                .description("For one-value operators; an ISO-8601 date or instant for a time column");
        property(schema, "values").minItems(1).maxItems(MetricValidator.MAX_VALUES)
                .description("For in and not_in; exactly two (low, high) for between")
                .items(OASFactory.createSchema().type(List.of(SchemaType.STRING, SchemaType.NUMBER, SchemaType.BOOLEAN)));
    }

    private static void expression(Schema schema) {
        schema.description("Arithmetic of a derived metric: exactly one of a published metric's key, a constant, or an "
                + "op over two args; at most " + MetricValidator.MAX_EXPRESSION_DEPTH + " levels deep")
                .oneOf(List.of(
                        OASFactory.createSchema().required(List.of("metric")),
                        OASFactory.createSchema().required(List.of("constant")),
                        OASFactory.createSchema().required(List.of("op", "args"))));
        property(schema, "metric").pattern("^" + MetricValidator.KEY.pattern() + "$");
        property(schema, "op").enumeration(words(ArithmeticOp.class));
        property(schema, "args").minItems(2).maxItems(2);
    }

    static Map<String, Object> asJson(Object definition) {
        return JSON.convertValue(definition, new TypeReference<>() { });
    }

    static Schema property(Schema schema, String name) {
        Schema property = schema.getProperties().get(name);
        if (property == null) {
            throw new IllegalStateException(name + " is no longer a property of the schema; update " + MetricLanguageSchema.class);
        }
        return property;
    }

    private static List<Object> words(Class<? extends Enum<?>> words) {
        return Arrays.stream(words.getEnumConstants()).<Object>map(Vocabulary::jsonName).toList();
    }

    static List<Object> columns(Predicate<Column> which) {
        return Arrays.stream(Column.values()).filter(which).<Object>map(Column::jsonName).toList();
    }
}
