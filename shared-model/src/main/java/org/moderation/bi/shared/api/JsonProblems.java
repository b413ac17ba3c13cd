package org.moderation.bi.shared.api;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a request body and where, as a JSON path (and a line and column where the text itself is
 * broken), in our words: the parser's own can name internal classes.
 */
public final class JsonProblems {

    private static final String PREFIX = "the request body is not the JSON this endpoint takes: ";
    // Jackson has no type of its own for a repeated key (JsonParser.Feature.STRICT_DUPLICATE_DETECTION), only these words.
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    // Likewise for content after the value (DeserializationFeature.FAIL_ON_TRAILING_TOKENS).
    private static final String TRAILING = "Trailing token";

    private JsonProblems() {
    }

    /** A 400's body: {@code invalid_json}, a sentence naming the problem and its place, and "path: problem" in details. */
    public static ApiError unreadable(JsonProcessingException e) {
        String path = path(e, "$");
        String problem = problem(e, path);
        return refused(problem, List.of(path + ": " + problem));
    }

    /**
     * A 400's body for a body with several problems: {@code invalid_json}, the first problem's sentence, and every
     * problem as "path: problem" in details.
     */
    public static ApiError refused(String first, List<String> details) {
        String more = details.size() > 1 ? " (and " + (details.size() - 1) + " more, listed in details)" : "";
        return new ApiError("invalid_json", PREFIX + first + more, details);
    }

    /** The JSON path of the problem, for a part of a body read on its own that is at {@code at} in the body. */
    public static String path(JsonProcessingException e, String at) {
        return at + path(e).substring(1);
    }

    /** What is wrong, in a sentence that names its place {@code path}. */
    public static String problem(JsonProcessingException e, String path) {
        if (e instanceof StrictText.Refused refused) {
            return "the string at " + path + " " + refused.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownProperty(path, unknown.getPropertyName(), unknown.getKnownPropertyIds());
        }
        StreamReadException broken = cause(e, StreamReadException.class);
        if (broken instanceof InputCoercionException range) {
            return "a number out of range at " + path + ": expected " + expected(range.getTargetType());
        }
        if (broken != null) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(broken.getOriginalMessage()));
            if (duplicate.matches()) {
                return "the key '" + duplicate.group(1) + "' appears twice in one object (at " + path
                        + where(broken.getLocation()) + "); each key may appear once";
            }
            return "malformed JSON at " + path + where(broken.getLocation());
        }
        if (e instanceof InvalidNullException) {
            return nullValue(path);
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (String.valueOf(mismatch.getOriginalMessage()).startsWith(TRAILING)) {
                return "more JSON after the value" + where(mismatch.getLocation()) + "; send exactly one JSON value";
            }
            return wrongType(path, mismatch.getTargetType());
        }
        return "a value at " + path + " that cannot be read";
    }

    public static String unknownProperty(String path, String name, Collection<?> known) {
        return "unknown property '" + name + "' at " + path + "; the object there takes " + String.join(", ", names(known));
    }

    /** A null inside a list or a map's values: a hole no client means. */
    public static String nullValue(String path) {
        return "a null at " + path + " where a value is needed; leave it out or give one";
    }

    public static String wrongType(String path, Class<?> expected) {
        return "a wrong type at " + path + ": expected " + expected(expected);
    }

    /**
     * The JSON path of the problem: where the parser stopped, for broken text and refused strings (Jackson's references
     * end at the enclosing property, and at an untyped value); else the references Jackson's deserializers add on the
     * way out (none: the whole body, which the parser may have read into already).
     */
    static String path(JsonProcessingException e) {
        JsonProcessingException atParser = e instanceof StrictText.Refused ? e : cause(e, StreamReadException.class);
        if (atParser != null && atParser.getProcessor() instanceof JsonParser parser) {
            return path(parser.getParsingContext());
        }
        var path = new StringBuilder("$");
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append('.').append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        return path.toString();
    }

    private static String path(JsonStreamContext context) {
        var contexts = new ArrayDeque<JsonStreamContext>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            contexts.push(c);
        }
        var path = new StringBuilder("$");
        for (JsonStreamContext c : contexts) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.append('.').append(c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                path.append('[').append(c.getCurrentIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : ", line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class).contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static List<String> names(Collection<?> ids) {
        return ids == null ? List.of() : ids.stream().map(String::valueOf).sorted().toList();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
