package org.moderation.bi.dashboard.metrics.catalog;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.ApiException;

/**
 * Creates alert rules in the catalog for the page (same origin as bi-service only), with the caller's own token: the
 * catalog decides, by its rules and the token's scope, and its refusal is passed on as it said it. Never retried (a
 * create that timed out may have happened); bounded by the client's connect and read timeouts.
 */
@ApplicationScoped
public class CatalogRuleWrites {

    private final AlertRulesCatalogClient rules;

    CatalogRuleWrites(@RestClient AlertRulesCatalogClient rules) {
        this.rules = rules;
    }

    /** The rule as version 1, published: what the evaluator reads at its next round. */
    public AlertRuleVersionView createAndPublish(AlertRuleDefinition rule, String authorization) {
        AlertRuleVersionView draft = call(() -> rules.create(authorization, rule), "");
        return call(() -> rules.publish(authorization, draft.key(), draft.version()),
                "rule " + draft.key() + " was created as a draft (version " + draft.version() + ") but not published: ");
    }

    private static AlertRuleVersionView call(Supplier<AlertRuleVersionView> call, String before) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            ApiError error = refusal(e);
            throw new ApiException(e.getResponse().getStatus(), error.error(), before + error.message(),
                    error.details());
        } catch (ProcessingException e) {
            throw new ApiException(503, "catalog_unavailable", before + "the metrics catalog did not answer; "
                    + "nothing is lost: try again, or look for the rule in the catalog first");
        }
    }

    private static ApiError refusal(WebApplicationException e) {
        try {
            ApiError error = e.getResponse().readEntity(ApiError.class);
            if (error != null && error.error() != null) {
                return error;
            }
        } catch (RuntimeException unreadable) {
            // Not the catalog's error shape: say what status it answered with.
        }
        return new ApiError("catalog_refused", "the catalog answered " + e.getResponse().getStatus(), List.of());
    }
}
