package org.moderation.bi.catalog.metric.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.persistence.MetricChangeEntity;
import org.moderation.bi.catalog.metric.persistence.MetricEntity;
import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.catalog.metric.persistence.MetricVersionEntity;
import org.moderation.bi.catalog.versioning.service.VersionedCatalog;
import org.moderation.bi.shared.metrics.MetricChangeView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/** The catalog's metrics, kept in versions with their audit trail ({@link VersionedCatalog}). */
@ApplicationScoped
public class MetricCatalogService extends VersionedCatalog<MetricDefinition, MetricEntity, MetricVersionEntity,
        MetricChangeEntity, MetricVersionView, MetricSummaryView, MetricChangeView> {

    MetricCatalogService(MetricRepository repository, MetricRules rules) {
        super(repository, rules);
    }

    @Override
    protected MetricVersionView versionView(MetricVersionEntity v, MetricDefinition definition) {
        return new MetricVersionView(v.entry.key, v.version, v.status, definition, v.definitionHash, v.revision,
                v.createdBy, v.createdAt, v.updatedBy, v.updatedAt, v.publishedBy, v.publishedAt, v.deprecatedBy,
                v.deprecatedAt);
    }

    @Override
    protected MetricSummaryView summaryView(Summary<MetricVersionEntity> s) {
        return new MetricSummaryView(s.key(), s.name(), s.latestPublishedVersion(), s.versions().stream()
                .map(v -> new MetricSummaryView.VersionStatus(v.version, v.status)).toList());
    }

    @Override
    protected MetricChangeView changeView(MetricChangeEntity c) {
        return new MetricChangeView(c.key, c.version, c.action, c.actor, c.actorUsername, c.at, c.definitionHash);
    }
}
