package org.moderation.bi.catalog.metric.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.persistence.MetricChangeEntity;
import org.moderation.bi.catalog.metric.persistence.MetricEntity;
import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.catalog.metric.persistence.MetricVersionEntity;
import org.moderation.bi.catalog.versioning.service.Kind;
import org.moderation.bi.catalog.versioning.service.VersionedCatalog;
import org.moderation.bi.catalog.versioning.service.Views;
import org.moderation.bi.shared.metrics.MetricChangeView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/** The catalog's metrics, kept in versions with their audit trail ({@link VersionedCatalog}). */
@ApplicationScoped
public class MetricCatalogService extends VersionedCatalog<MetricDefinition, MetricEntity, MetricVersionEntity,
        MetricChangeEntity, MetricVersionView, MetricSummaryView, MetricChangeView> {

    MetricCatalogService(MetricRepository repository, MetricRules rules) {
        super(repository, new Kind<>("metric", MetricDefinition.class, MetricDefinition::key, MetricDefinition::name),
                rules, new Views<>(MetricVersionView::new, MetricSummaryView::new,
                MetricSummaryView.VersionStatus::new, MetricChangeView::new));
    }
}
