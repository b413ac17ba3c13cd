package org.moderation.bi.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.JsonProblems;

/** The mapper every service reads bodies with, and how its refusals are worded (the services' tests go over HTTP). */
class StrictJsonTest {

    record Inner(String name, Integer count, Object value, List<Object> values, Map<String, String> labels) {
    }

    record Outer(String kind, Inner inner, List<Inner> inners) {
    }

    private final ObjectMapper json = strict();

    @Test
    void readsWhatIsRightAsBefore() throws Exception {
        Outer outer = json.readValue("""
                {"kind": "k \\ud83d\\ude00", "inner": {"name": "n", "count": 2, "value": {"a": ["b"]}},
                 "inners": [{"labels": {"x": "y"}}]}""", Outer.class);

        assertThat(outer.kind()).isEqualTo("k \ud83d\ude00");
        assertThat(outer.inner().value()).isEqualTo(Map.of("a", List.of("b")));
        assertThat(outer.inners().getFirst().labels()).isEqualTo(Map.of("x", "y"));
    }

    @Test
    void aKeyGivenTwiceDeepInsideIsNamedWhereItIs() {
        assertThat(refusal("{\"kind\": \"k\", \"inners\": [{}, {\"name\": \"a\", \"name\": \"b\"}]}").message())
                .endsWith("the key 'name' appears twice in one object (at $.inners[1].name, line 1, column 50); "
                        + "each key may appear once");
    }

    @Test
    void textThatNoStringMayHoldIsNamedWhereverItIs() {
        assertThat(refusal("{\"inners\": [{\"labels\": {\"x\": \"\\u0000\"}}]}").details())
                .containsExactly("$.inners[0].labels.x: the string at $.inners[0].labels.x holds a NUL character "
                        + "(\\u0000), which no text here may hold");
        assertThat(refusal("{\"inner\": {\"value\": {\"deep\": [1, \"\\udbff\"]}}}").details())
                .containsExactly("$.inner.value.deep[1]: the string at $.inner.value.deep[1] holds a lone surrogate "
                        + "(\\udbff without its pair), which is not Unicode text");
        assertThat(refusal("{\"inner\": {\"values\": [\"ok\", \"\\ude00\\ud83d\"]}}").details())
                .containsExactly("$.inner.values[1]: the string at $.inner.values[1] holds a lone surrogate "
                        + "(\\ude00 without its pair), which is not Unicode text");
    }

    @Test
    void numbersAreWholeWhereWholeNumbersAreTaken() {
        assertThat(refusal("{\"inner\": {\"count\": 1.9}}").message())
                .endsWith("a wrong type at $.inner.count: expected a whole number");
        assertThat(refusal("{\"inner\": {\"count\": 2147483648}}").message())
                .endsWith("a number out of range at $.inner.count: expected a whole number");
    }

    @Test
    void aNullInsideAListOrAMapIsNamedWhereItIs() {
        assertThat(refusal("{\"inners\": [{}, null]}").details())
                .containsExactly("$.inners[1]: a null at $.inners[1] where a value is needed; leave it out or give one");
        assertThat(refusal("{\"inner\": {\"values\": [\"a\", null]}}").message())
                .endsWith("a null at $.inner.values[1] where a value is needed; leave it out or give one");
        assertThat(refusal("{\"inner\": {\"labels\": {\"x\": null}}}").message())
                .endsWith("a null at $.inner.labels.x where a value is needed; leave it out or give one");
    }

    @Test
    void aScalarOfTheWrongTypeIsRefusedNotConverted() {
        assertThat(refusal("{\"inner\": {\"count\": \"7\"}}").message())
                .endsWith("a wrong type at $.inner.count: expected a whole number");
        assertThat(refusal("{\"kind\": 7}").message()).endsWith("a wrong type at $.kind: expected a string");
        assertThat(refusal("{\"kind\": 1.5}").message()).endsWith("a wrong type at $.kind: expected a string");
        assertThat(refusal("{\"kind\": true}").message()).endsWith("a wrong type at $.kind: expected a string");
        assertThat(refusal("{\"inner\": {\"labels\": {\"x\": 1}}}").message())
                .endsWith("a wrong type at $.inner.labels.x: expected a string");
    }

    @Test
    void brokenTextIsNamedByPathLineAndColumn() {
        assertThat(refusal("{\"kind\": \"k\",\n  \"inner\": {\"name\" \"n\"}}").message())
                .isEqualTo("the request body is not the JSON this endpoint takes: malformed JSON at $.inner.name, "
                        + "line 2, column 20");
        assertThat(refusal("{\"kind\": \"k\"} []").message())
                .endsWith("more JSON after the value, line 1, column 15; send exactly one JSON value");
        assertThat(refusal("{\"inner\": {\"nmae\": \"n\"}}").message())
                .endsWith("unknown property 'nmae' at $.inner.nmae; the object there takes count, labels, name, "
                        + "value, values");
    }

    private ApiError refusal(String body) {
        return JsonProblems.unreadable(catchThrowableOfType(JsonProcessingException.class,
                () -> json.readValue(body, Outer.class)));
    }

    private static ObjectMapper strict() {
        var mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
