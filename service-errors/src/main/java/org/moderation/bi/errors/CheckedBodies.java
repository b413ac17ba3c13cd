package org.moderation.bi.errors;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.moderation.bi.shared.api.JsonProblems;
import org.moderation.bi.shared.metrics.Problem;

/**
 * Reads a JSON body into a record (one whose JSON names are its components' names, as the API's are) without stopping at the first thing wrong in it, so that one answer can name every
 * mistake (a definition with three is not sent back three times). Walking the record's components, it sets aside and
 * reports each property the record does not take and each value its component cannot take (a wrong type, a string no
 * text may hold), worded and placed as {@link JsonProblems} words them; every value is read by the service's own
 * mapper, so the rules of {@link StrictJson} hold for each. What the body's syntax breaks (malformed JSON, a key given
 * twice) is refused before, whole, as everywhere.
 */
@Singleton
public class CheckedBodies {

    private final ObjectMapper mapper;
    /**
     * Reads what is left once every problem is set aside: a value set aside inside a list stays there as a null, so
     * that what the caller checks next is named at its index in the body.
     */
    private final ObjectMapper assembler;

    public CheckedBodies(ObjectMapper mapper) {
        this.mapper = mapper;
        this.assembler = mapper.copy().setDefaultSetterInfo(JsonSetter.Value.empty());
    }

    public <T> CheckedBody<T> read(JsonNode body, Class<T> type) {
        var problems = new ArrayList<Problem>();
        JsonNode readable = check(body == null ? NullNode.getInstance() : body.deepCopy(),
                mapper.constructType(type), "$", problems);
        try {
            return new CheckedBody<>(assembler.treeToValue(readable, type), problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("what is left of a checked body is readable: every value was read alone", e);
        }
    }

    /** The node as it can be read as {@code type}: itself, or with what cannot be set aside (null). */
    private JsonNode check(JsonNode node, JavaType type, String path, List<Problem> problems) {
        if (node.isNull()) {
            return node;
        }
        Class<?> raw = type.getRawClass();
        if (raw.isRecord()) {
            if (!(node instanceof ObjectNode object)) {
                return setAside(new Problem(path, JsonProblems.wrongType(path, raw)), problems);
            }
            List<RecordComponent> components = Arrays.asList(raw.getRecordComponents());
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = path + "." + name;
                var component = components.stream().filter(c -> c.getName().equals(name)).findFirst();
                if (component.isEmpty()) {
                    problems.add(new Problem(at, JsonProblems.unknownProperty(at, name,
                            components.stream().map(RecordComponent::getName).toList())));
                    object.remove(name);
                } else {
                    object.set(name, check(object.get(name),
                            mapper.getTypeFactory().constructType(component.get().getGenericType()), at, problems));
                }
            }
            return object;
        }
        if (type.isCollectionLikeType()) {
            if (!(node instanceof ArrayNode array)) {
                return setAside(new Problem(path, JsonProblems.wrongType(path, raw)), problems);
            }
            for (int i = 0; i < array.size(); i++) {
                String at = path + "[" + i + "]";
                array.set(i, array.get(i).isNull() ? setAside(new Problem(at, JsonProblems.nullValue(at)), problems)
                        : check(array.get(i), type.getContentType(), at, problems));
            }
            return array;
        }
        try {
            mapper.treeToValue(node, type);
            return node;
        } catch (JsonProcessingException e) {
            // The whole value is set aside; the sentence names the place inside it (an untyped value's string).
            return setAside(new Problem(path, JsonProblems.problem(e, JsonProblems.path(e, path))), problems);
        }
    }

    private static JsonNode setAside(Problem problem, List<Problem> problems) {
        problems.add(problem);
        return NullNode.getInstance();
    }
}
