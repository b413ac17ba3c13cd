package org.moderation.bi.shared.api;

import java.util.List;

/**
 * A request a service refuses, carrying the HTTP status and the error body it is answered with. Each service maps
 * it in one place; the message is written for the caller, so it may be shown as is.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<String> details;

    public ApiException(int status, String code, String message, List<String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return new ApiError(code, getMessage(), details);
    }
}
