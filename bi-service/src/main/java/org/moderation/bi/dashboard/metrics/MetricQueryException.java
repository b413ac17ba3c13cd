package org.moderation.bi.dashboard.metrics;

import java.util.List;

/** A metric query refused, with the HTTP status and error code it is answered with. */
public class MetricQueryException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<String> details;

    public MetricQueryException(int status, String code, String message, List<String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public MetricQueryException(int status, String code, String message) {
        this(status, code, message, List.of());
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
