package org.moderation.bi.dashboard.metrics.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;

/**
 * The catalog's alert rules, as it serves dashboards: read by the evaluator with its service token, created from the
 * page with the caller's.
 */
@RegisterRestClient(configKey = "metrics-catalog")
@Path("/api/v1/alert-rules")
public interface AlertRulesCatalogClient {

    /** A page of the rules, by key, after {@code after} (null: the first); a {@code Link rel="next"} where more. */
    @GET
    Response rules(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("limit") int limit,
            @QueryParam("after") String after);

    /** A new rule, version 1 as a draft; with the caller's token, whose scope the catalog checks. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    AlertRuleVersionView create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            AlertRuleDefinition rule);

    @POST
    @Path("/{key}/versions/{version}/publish")
    AlertRuleVersionView publish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key") String key, @PathParam("version") int version);

    @GET
    @Path("/{key}/versions/{version}")
    AlertRuleVersionView version(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key") String key, @PathParam("version") int version);
}
