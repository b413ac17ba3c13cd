package org.moderation.bi.catalog.versioning.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.moderation.bi.shared.api.ApiException;

/**
 * A draft's revision travels as its ETag and comes back as If-Match, so that a change made on a stale read is a 412,
 * not a lost update.
 */
public final class Revisions {

    private Revisions() {
    }

    /** The revision an If-Match header names: {@code "3"}, {@code W/"3"} or {@code 3}. */
    public static long ifMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(428, "if_match_required",
                    "send If-Match with the draft's revision (its ETag) so that no one's change is lost", List.of());
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad_if_match", "If-Match must be a revision such as \"3\"", List.of());
        }
    }

    /** 200 with the version and its revision as ETag. */
    public static Response ok(Object version, long revision) {
        return Response.ok(version).tag(String.valueOf(revision)).build();
    }

    /** 201 with the new version, where it lives, and its revision as ETag. */
    public static Response created(String location, Object version, long revision) {
        return Response.created(URI.create(location)).tag(String.valueOf(revision)).entity(version).build();
    }
}
