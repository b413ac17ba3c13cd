package org.moderation.bi.catalog.metric.service;

import java.util.List;

/** A request the catalog refuses, with the HTTP status and error code the API answers it with. */
public class CatalogException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<String> details;

    public CatalogException(int status, String code, String message, List<String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public static CatalogException notFound(String message) {
        return new CatalogException(404, "not_found", message, List.of());
    }

    public static CatalogException conflict(String code, String message) {
        return new CatalogException(409, code, message, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }
}
