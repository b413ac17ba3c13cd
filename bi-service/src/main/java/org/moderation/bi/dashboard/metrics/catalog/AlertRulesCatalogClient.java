package org.moderation.bi.dashboard.metrics.catalog;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import org.moderation.bi.shared.alerts.AlertRuleSummaryView;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;

/** The catalog's alert rules, as it serves dashboards; called by the evaluator with its service token. */
@RegisterRestClient(configKey = "metrics-catalog")
@Path("/api/v1/alert-rules")
public interface AlertRulesCatalogClient {

    @GET
    List<AlertRuleSummaryView> rules(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/{key}/versions/{version}")
    AlertRuleVersionView version(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key") String key, @PathParam("version") int version);
}
