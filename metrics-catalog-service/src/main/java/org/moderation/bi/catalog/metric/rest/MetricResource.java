package org.moderation.bi.catalog.metric.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.catalog.metric.service.MetricPreviewService;
import org.moderation.bi.catalog.versioning.rest.Caller;
import org.moderation.bi.catalog.versioning.rest.VersionedResource;
import org.moderation.bi.errors.CheckedBodies;
import org.moderation.bi.shared.metrics.MetricChangeView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.security.Roles;

/** Metric definitions in the metric language, kept in versions with their audit ({@link VersionedResource}). */
@Path(MetricResource.PATH)
@Tag(name = "Metrics catalog")
public class MetricResource
        extends VersionedResource<MetricDefinition, MetricVersionView, MetricSummaryView, MetricChangeView> {

    public static final String PATH = "/api/v1/metrics";

    private final MetricCatalogService catalog;
    private final MetricPreviewService previews;

    MetricResource(MetricCatalogService catalog, Caller caller, CheckedBodies bodies, MetricPreviewService previews) {
        super(catalog, caller, bodies, MetricDefinition.class, PATH);
        this.catalog = catalog;
        this.previews = previews;
    }

    /** With whether its latest published version ever counted anything (on the read model as it is now). */
    @Override
    protected MetricSummaryView shown(MetricSummaryView summary) {
        Integer published = summary.latestPublishedVersion();
        if (published == null) {
            return summary;
        }
        MetricDefinition definition = catalog.version(summary.key(), published, false).definition();
        return summary.withNeverCounted(previews.neverCounted(definition, published).orElse(null));
    }

    @Override
    @GET
    @RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
    @Operation(summary = "List", description = "Community managers see published versions only.")
    @APIResponse(responseCode = "200", description = "Those the caller may see")
    public List<MetricSummaryView> list() {
        return super.list();
    }
}
