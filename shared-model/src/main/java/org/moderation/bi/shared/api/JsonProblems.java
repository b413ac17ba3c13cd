package org.moderation.bi.shared.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Says where a request body stopped being readable, as a JSON path, without the parser's own message. */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static ApiError unreadable(JsonProcessingException e, String expected) {
        return ApiError.of("invalid_json", "the body is not " + expected
                + ": malformed JSON, an unknown property or a wrong type at " + path(e));
    }

    static String path(JsonProcessingException e) {
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
}
