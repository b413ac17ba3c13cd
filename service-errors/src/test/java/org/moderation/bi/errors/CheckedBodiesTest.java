package org.moderation.bi.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.Problem;

/** A body read without stopping at its first mistake: every one is named, the rest is read as the strict mapper reads. */
class CheckedBodiesTest {

    record Inner(String name, Integer count, Object value, List<Object> values, Map<String, String> labels) {
    }

    record Outer(String kind, Inner inner, List<Inner> inners) {
    }

    private final ObjectMapper json = strict();
    private final CheckedBodies bodies = new CheckedBodies(json);

    @Test
    void everyMistakeIsNamedWhereItIsAndTheRestIsRead() throws Exception {
        CheckedBody<Outer> body = bodies.read(json.readTree("""
                {"kind": "k", "sql": "DROP", "inner": {"name": ["n"], "count": 1.9, "value": "\\u0000", "nmae": 1,
                 "values": ["ok", "\\ud800", 3, null], "labels": {"a": "b"}},
                 "inners": [{"count": "one"}, 7, {"name": "fine"}]}"""), Outer.class);

        assertThat(body.problems()).extracting(Problem::toString).containsExactly(
                "$.sql: unknown property 'sql' at $.sql; the object there takes inner, inners, kind",
                "$.inner.name: a wrong type at $.inner.name: expected a string",
                "$.inner.count: a wrong type at $.inner.count: expected a whole number",
                "$.inner.value: the string at $.inner.value holds a NUL character (\\u0000), which no text here may hold",
                "$.inner.nmae: unknown property 'nmae' at $.inner.nmae; the object there takes count, labels, name, "
                        + "value, values",
                "$.inner.values[1]: the string at $.inner.values[1] holds a lone surrogate (\\ud800 without its pair), "
                        + "which is not Unicode text",
                "$.inner.values[3]: a null at $.inner.values[3] where a value is needed; leave it out or give one",
                "$.inners[0].count: a wrong type at $.inners[0].count: expected a whole number",
                "$.inners[1]: a wrong type at $.inners[1]: expected an object");
        assertThat(body.value().kind()).isEqualTo("k");
        assertThat(body.value().inner()).isEqualTo(new Inner(null, null, null, java.util.Arrays.asList("ok", null, 3, null),
                Map.of("a", "b")));
        assertThat(body.value().inners().get(2).name()).isEqualTo("fine");
    }

    @Test
    void aBodyOfAnotherShapeIsSetAsideWhole() throws Exception {
        CheckedBody<Outer> body = bodies.read(json.readTree("[{\"kind\": \"k\"}]"), Outer.class);

        assertThat(body.value()).isNull();
        assertThat(body.problems()).extracting(Problem::toString).containsExactly("$: a wrong type at $: expected an object");
        assertThat(bodies.read(null, Outer.class)).isEqualTo(new CheckedBody<Outer>(null, List.of()));
    }

    @Test
    void theRefusalNamesTheBodysProblemsAndThoseFoundInTheValueThatDoNotRepeatThem() throws Exception {
        CheckedBody<Outer> body = bodies.read(json.readTree("{\"kind\": \"5\", \"inner\": {\"count\": \"one\"}, \"x\": 1}"),
                Outer.class);
        List<Problem> found = List.of(new Problem("$.inner.count", "is required"), new Problem("$.kind", "is not a kind"),
                new Problem("$.inner.count.deep", "repeats it too"));

        ApiException refusal = catchThrowableOfType(ApiException.class,
                () -> body.refuseIfAny(found, "invalid_outer", "the outer is invalid"));

        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.error().error()).isEqualTo("invalid_json");
        assertThat(refusal.error().message()).isEqualTo("the request body is not the JSON this endpoint takes: a wrong "
                + "type at $.inner.count: expected a whole number (and 2 more, listed in details)");
        assertThat(refusal.error().details()).containsExactly(
                "$.inner.count: a wrong type at $.inner.count: expected a whole number",
                "$.x: unknown property 'x' at $.x; the object there takes inner, inners, kind",
                "$.kind: is not a kind");
    }

    @Test
    void aReadableBodyIsRefusedWithTheCallersCodeOrNotAtAll() throws Exception {
        CheckedBody<Outer> body = bodies.read(json.readTree("{\"kind\": \"k\"}"), Outer.class);

        ApiException refusal = catchThrowableOfType(ApiException.class,
                () -> body.refuseIfAny(List.of(new Problem("$.kind", "is not a kind")), "invalid_outer", "no"));
        assertThat(refusal.error().error()).isEqualTo("invalid_outer");
        assertThat(refusal.error().details()).containsExactly("$.kind: is not a kind");
        assertThatCode(() -> body.refuseIfAny(List.of(), "invalid_outer", "no")).doesNotThrowAnyException();
    }

    private static ObjectMapper strict() {
        var mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
