package org.moderation.bi.dashboard.metrics.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import org.moderation.bi.dashboard.metrics.catalog.CatalogDefinitions;
import org.moderation.bi.shared.api.dashboard.CatalogMetricView;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Catalog metrics")
public class CatalogMetricsResource {

    private final CatalogDefinitions definitions;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CatalogMetricsResource(CatalogDefinitions definitions, SecurityIdentity identity, JsonWebToken token) {
        this.definitions = definitions;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Operation(summary = "The catalog's metrics the caller may compute, at the version a dashboard computes",
            description = "Each metric's latest published version (deprecated where every published one was "
                    + "retired), with its unit, grains and definition hash; fetched from the catalog with the "
                    + "caller's token, so the page never talks to the catalog itself. Compute one with "
                    + "POST /api/v1/metrics/{key}/query.")
    @APIResponse(responseCode = "200", description = "The metrics")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role")
    @APIResponse(responseCode = "503", description = "The catalog is down and its list was not seen before")
    public List<CatalogMetricView> list() {
        return definitions.published(identity.hasRole(Roles.SUPERADMIN), "Bearer " + token.getRawToken());
    }
}
