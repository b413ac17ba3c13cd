package org.moderation.bi.dashboard.metrics.catalog;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The metrics catalog, called with the caller's own bearer token: the catalog then shows exactly what the caller
 * may see (a community manager: published versions only). Base URL: {@code quarkus.rest-client.metrics-catalog.url}.
 */
@RegisterRestClient(configKey = "metrics-catalog")
@Path("/api/v1/metrics")
public interface MetricsCatalogClient {

    @GET
    List<MetricSummaryView> metrics(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/{key}")
    MetricSummaryView metric(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("key") String key);

    @GET
    @Path("/{key}/versions/{version}")
    MetricVersionView version(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key") String key, @PathParam("version") int version);
}
