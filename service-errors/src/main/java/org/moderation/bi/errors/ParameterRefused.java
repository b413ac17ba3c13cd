package org.moderation.bi.errors;

import jakarta.ws.rs.WebApplicationException;

/**
 * A query or path parameter whose value is not what it takes. A {@link WebApplicationException}, because Quarkus REST
 * passes those from a converter on as they are, where it would turn anything else into a 404 (JAX-RS' rule for query
 * and path parameters) that says nothing of the parameter. Answered by {@link InputRefusals}.
 */
public class ParameterRefused extends WebApplicationException {

    private final String name;
    private final boolean inPath;

    ParameterRefused(String name, String value, String expected, boolean inPath) {
        super(name + " '" + value + "' is not " + expected);
        this.name = name;
        this.inPath = inPath;
    }

    public String name() {
        return name;
    }

    /** A path that names nothing: a 404, as for any other path; a query parameter is a 400. */
    public boolean inPath() {
        return inPath;
    }
}
