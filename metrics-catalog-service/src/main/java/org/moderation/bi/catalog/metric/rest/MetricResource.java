package org.moderation.bi.catalog.metric.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.github.benmanes.caffeine.cache.Caffeine;

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

    /** Published definitions read so far, by key and version; each is a few KiB at most. */
    private static final int DEFINITIONS_KEPT = 10_000;

    private final MetricCatalogService catalog;
    private final MetricPreviewService previews;
    private final Map<String, MetricDefinition> publishedDefinitions = Caffeine.newBuilder()
            .maximumSize(DEFINITIONS_KEPT).<String, MetricDefinition>build().asMap();

    MetricResource(MetricCatalogService catalog, Caller caller, CheckedBodies bodies, MetricPreviewService previews) {
        super(catalog, caller, bodies, MetricDefinition.class, PATH);
        this.catalog = catalog;
        this.previews = previews;
    }

    /**
     * With whether each one's latest published version ever counted anything (on the read model as it is now), all
     * told in one snapshot; a published version never changes, so its definition is read once.
     */
    @Override
    protected List<MetricSummaryView> shown(List<MetricSummaryView> summaries) {
        var published = new HashMap<String, MetricPreviewService.Published>();
        for (MetricSummaryView summary : summaries) {
            Integer version = summary.latestPublishedVersion();
            if (version != null) {
                MetricDefinition definition = publishedDefinitions.computeIfAbsent(summary.key() + "@" + version,
                        k -> catalog.version(summary.key(), version, false).definition());
                published.put(summary.key(), new MetricPreviewService.Published(definition, version));
            }
        }
        Map<MetricPreviewService.Published, Boolean> never = previews.neverCounted(published.values());
        return summaries.stream().map(summary -> published.containsKey(summary.key())
                ? summary.withNeverCounted(never.get(published.get(summary.key()))) : summary).toList();
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
