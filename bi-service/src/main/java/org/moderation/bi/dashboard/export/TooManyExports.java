package org.moderation.bi.dashboard.export;

import java.time.Duration;

import org.moderation.bi.shared.api.ApiException;

/** An export refused because its caller, or the service, already runs as many as it may: a 429 with Retry-After. */
public class TooManyExports extends ApiException {

    private final Duration retryAfter;

    TooManyExports(String message, Duration retryAfter) {
        super(429, "too_many_exports", message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
