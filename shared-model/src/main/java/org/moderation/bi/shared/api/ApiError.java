package org.moderation.bi.shared.api;

import java.util.List;
import java.util.Locale;

/**
 * The error body of every service: a stable machine code, a sentence for a person, and details (for example
 * one entry per invalid field). Never a class name or a stack trace.
 */
public record ApiError(String error, String message, List<String> details) {

    public ApiError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }

    /** For an HTTP status without an error code of its own: the code is its reason phrase ("not_found"). */
    public static ApiError ofStatus(String reasonPhrase, String message) {
        String reason = reasonPhrase == null ? "error" : reasonPhrase;
        return of(reason.toLowerCase(Locale.ROOT).replace(' ', '_'), message);
    }
}
