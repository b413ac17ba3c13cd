package org.moderation.bi.dashboard.metrics.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;

/** The catalog's dashboard definitions, called with the caller's own token (as {@link MetricsCatalogClient}). */
@RegisterRestClient(configKey = "metrics-catalog")
@Path("/api/v1/dashboards")
public interface DashboardsCatalogClient {

    @GET
    @Path("/{key}")
    DashboardSummaryView dashboard(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key") String key);

    @GET
    @Path("/{key}/versions/{version}")
    DashboardVersionView version(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key") String key, @PathParam("version") int version);
}
