package org.moderation.bi.dashboard.rest;

import java.time.Duration;

import org.moderation.bi.shared.api.ApiException;

/** Refused because its caller, or the replica, already runs as many at once as it may: a 429 with Retry-After. */
public class TooManyAtOnce extends ApiException {

    private final Duration retryAfter;

    TooManyAtOnce(String code, String message, Duration retryAfter) {
        super(429, code, message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
