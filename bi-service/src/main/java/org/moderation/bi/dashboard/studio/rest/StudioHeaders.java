package org.moderation.bi.dashboard.studio.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

import org.moderation.bi.dashboard.studio.config.StudioConfig;

/**
 * Headers of the dashboard page. It runs only its own scripts and talks only to this service and to the OIDC issuer:
 * a Content Security Policy without inline scripts or styles, and no framing (no clickjacking of a logged-in
 * dashboard). Its files are revalidated on every load, so a new release is seen at once; the libraries it loads
 * (web jars) have versioned paths and keep Quarkus' long caching.
 */
@ApplicationScoped
public class StudioHeaders {

    static final String PAGE_PATH = "/dashboard";

    void register(@Observes Filters filters, StudioConfig config) {
        String policy = policy(config.issuer());
        filters.register(context -> {
            if (context.normalizedPath().startsWith(PAGE_PATH)) {
                context.response().putHeader("Content-Security-Policy", policy)
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Referrer-Policy", "no-referrer");
                // After the static handler, which sets its own caching headers.
                context.addHeadersEndHandler(ignored -> context.response().putHeader("Cache-Control", "no-cache"));
            }
            context.next();
        }, 100);
    }

    /** The issuer as a path prefix: discovery and the token endpoint live under it. */
    static String policy(String issuer) {
        String provider = issuer.endsWith("/") ? issuer : issuer + "/";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + provider + "; frame-ancestors 'none'; base-uri 'none'; "
                + "form-action 'self'; object-src 'none'";
    }
}
