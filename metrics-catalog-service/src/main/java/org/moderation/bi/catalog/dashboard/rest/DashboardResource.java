package org.moderation.bi.catalog.dashboard.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.catalog.dashboard.service.DashboardCatalogService;
import org.moderation.bi.catalog.versioning.rest.Caller;
import org.moderation.bi.catalog.versioning.rest.VersionedResource;
import org.moderation.bi.errors.CheckedBodies;
import org.moderation.bi.shared.dashboards.DashboardChangeView;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;
import org.moderation.bi.shared.security.Roles;

/**
 * Dashboard definitions (which metric, at which version, fills each number of a page), kept in versions with their
 * audit as metrics are ({@link VersionedResource}).
 */
@Path(DashboardResource.PATH)
@Tag(name = "Dashboards")
public class DashboardResource
        extends VersionedResource<DashboardDefinition, DashboardVersionView, DashboardSummaryView, DashboardChangeView> {

    public static final String PATH = "/api/v1/dashboards";

    DashboardResource(DashboardCatalogService catalog, Caller caller, CheckedBodies bodies) {
        super(catalog, caller, bodies, DashboardDefinition.class, PATH);
    }

    @Override
    @GET
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "List", description = "Community managers see published versions only.")
    @APIResponse(responseCode = "200", description = "Those the caller may see")
    public List<DashboardSummaryView> list() {
        return super.list();
    }
}
