package org.moderation.bi.errors;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jose4j.jwt.consumer.InvalidJwtException;

import org.moderation.bi.shared.api.ApiError;

/**
 * A refusal in the shared error shape, with the headers the standards want beside it: what both the Vert.x layer
 * (authentication, body size) and the REST layer (roles, routes, methods, media types) answer, worded once.
 */
public record Refusal(int status, ApiError body, Map<String, String> headers) {

    static final String OPENAPI = "/q/openapi";

    /** RFC 6750: a request without a token gets the scheme alone; one with a bad token gets {@code invalid_token}. */
    static Refusal unauthenticated(String authorization, Throwable failure) {
        if (authorization == null || authorization.isBlank()) {
            return new Refusal(401, ApiError.of("missing_token", "this endpoint needs a bearer token: send "
                    + "'Authorization: Bearer <access token>' with a token from the OIDC provider"),
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        if (expired(failure)) {
            return new Refusal(401, ApiError.of("token_expired", "the bearer token has expired: get a new one "
                    + "from the OIDC provider (for example with the refresh_token grant) and send the request again"),
                    Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"the token expired\""));
        }
        return new Refusal(401, ApiError.of("invalid_token", "the bearer token could not be verified (its format, "
                + "signature, key or issuer is not the OIDC provider's): get a token from the provider's token endpoint"),
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"the token could not be verified\""));
    }

    static Refusal identityProviderUnavailable() {
        return new Refusal(503, ApiError.of("identity_provider_unavailable",
                "tokens cannot be checked because the identity provider does not answer; try again later"), Map.of());
    }

    static Refusal forbidden() {
        return new Refusal(403, ApiError.of("forbidden",
                "your token is valid, but none of its roles may use this endpoint; ask an administrator for the role"),
                Map.of());
    }

    /** A path or query that cannot be read as text ({@link RequestTargets}): named by where it is. */
    static Refusal unreadableTarget(RequestTargets.Unreadable unreadable) {
        String parameter = unreadable.parameter();
        String where = parameter == null ? "the request's " + unreadable.place()
                : "the query parameter '" + parameter + "'";
        return new Refusal(400, new ApiError("invalid_parameter", where + " " + unreadable.problem()
                + "; percent-encode UTF-8 text as RFC 3986 says",
                List.of(parameter == null ? unreadable.place() : parameter)), Map.of());
    }

    static Refusal noRoute(String method, String path) {
        return new Refusal(404, ApiError.of("not_found", "there is no " + method + " " + path
                + "; the service's API is described at " + OPENAPI), Map.of());
    }

    static Refusal methodNotAllowed(String method, String path, List<String> allowed) {
        String allow = String.join(", ", allowed);
        return new Refusal(405, new ApiError("method_not_allowed", path + " does not take " + method
                + (allowed.isEmpty() ? "" : "; it takes " + allow), allowed),
                allowed.isEmpty() ? Map.of() : Map.of("Allow", allow));
    }

    static Refusal unsupportedMediaType(String contentType) {
        return new Refusal(415, ApiError.of("unsupported_media_type", "send the body as JSON with "
                + "'Content-Type: application/json'" + (contentType == null ? " (the request had no Content-Type)"
                : " (the request's Content-Type was " + contentType + ")")), Map.of());
    }

    static Refusal notAcceptable(String accept) {
        return new Refusal(406, ApiError.of("not_acceptable", "this endpoint cannot answer in " + accept
                + "; accept application/json (or what its description at " + OPENAPI + " lists)"), Map.of());
    }

    static Refusal bodyTooLarge(long limitBytes) {
        return new Refusal(413, ApiError.of("body_too_large", "the request body is larger than the " + size(limitBytes)
                + " this service accepts; send a smaller one"), Map.of());
    }

    static Refusal requestTimeout(Duration allowed) {
        return new Refusal(408, ApiError.of("request_timeout", "the request body did not arrive within "
                + allowed.toSeconds() + " s; send the whole body at once and try again"), Map.of());
    }

    static Refusal uriTooLong(long limitBytes) {
        return new Refusal(414, ApiError.of("uri_too_long", "the request's path and query are longer than the "
                + size(limitBytes) + " this service accepts; a cursor or filter this long is not one it issued"),
                Map.of());
    }

    static Refusal headersTooLarge(long limitBytes) {
        return new Refusal(431, ApiError.of("headers_too_large", "the request's headers are larger than the "
                + size(limitBytes) + " this service accepts; send fewer or shorter headers (cookies included)"),
                Map.of());
    }

    private static String size(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static boolean expired(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return true;
            }
        }
        return false;
    }
}
