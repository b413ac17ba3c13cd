package org.moderation.bi.catalog.metric.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.catalog.versioning.rest.Caller;
import org.moderation.bi.catalog.versioning.rest.VersionedResource;
import org.moderation.bi.errors.CheckedBodies;
import org.moderation.bi.shared.metrics.MetricChangeView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/** Metric definitions in the metric language, kept in versions with their audit ({@link VersionedResource}). */
@Path(MetricResource.PATH)
@Tag(name = "Metrics catalog")
public class MetricResource
        extends VersionedResource<MetricDefinition, MetricVersionView, MetricSummaryView, MetricChangeView> {

    public static final String PATH = "/api/v1/metrics";

    MetricResource(MetricCatalogService catalog, Caller caller, CheckedBodies bodies) {
        super(catalog, caller, bodies, MetricDefinition.class, PATH);
    }
}
