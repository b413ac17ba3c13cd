package org.moderation.bi.catalog.metric.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.catalog.versioning.service.Actor;
import org.moderation.bi.errors.CheckedBody;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.MetricDefinition;

import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the built-in metrics as version 1 the first time the catalog starts. A built-in that exists is left
 * alone: later versions are the admins' to make.
 */
@ApplicationScoped
public class BuiltInMetricsSeeder {

    private static final Logger LOG = Logger.getLogger(BuiltInMetricsSeeder.class);

    private final MetricRepository repository;
    private final MetricCatalogService catalog;

    BuiltInMetricsSeeder(MetricRepository repository, MetricCatalogService catalog) {
        this.repository = repository;
        this.catalog = catalog;
    }

    @Transactional
    void seed(@Observes StartupEvent start) {
        repository.lockForSeeding();
        for (MetricDefinition metric : BuiltInMetrics.ALL) {
            if (!catalog.exists(metric.key())) {
                catalog.create(CheckedBody.of(metric), Actor.BUILT_IN);
                catalog.publish(metric.key(), BuiltInMetrics.VERSION, Actor.BUILT_IN);
                LOG.infof("published built-in metric %s v%d", metric.key(), BuiltInMetrics.VERSION);
            }
        }
    }
}
