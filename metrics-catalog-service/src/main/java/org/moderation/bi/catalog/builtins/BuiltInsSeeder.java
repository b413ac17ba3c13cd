package org.moderation.bi.catalog.builtins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import org.moderation.bi.catalog.dashboard.service.DashboardCatalogService;
import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.shared.dashboards.BuiltInDashboards;
import org.moderation.bi.shared.metrics.BuiltInMetrics;

import io.quarkus.runtime.StartupEvent;

/**
 * Publishes what the catalog is built with as version 1 the first time it starts: the built-in metrics, then the
 * built-in dashboards that pin them (the overview: today's page). One that exists is left alone: later versions are
 * the admins' to make. Replicas starting together take turns, so none is made twice.
 */
@ApplicationScoped
public class BuiltInsSeeder {

    private static final Logger LOG = Logger.getLogger(BuiltInsSeeder.class);

    private final MetricCatalogService metrics;
    private final DashboardCatalogService dashboards;

    BuiltInsSeeder(MetricCatalogService metrics, DashboardCatalogService dashboards) {
        this.metrics = metrics;
        this.dashboards = dashboards;
    }

    void seed(@Observes StartupEvent start) {
        metrics.publishBuiltIns(BuiltInMetrics.ALL)
                .forEach(key -> LOG.infof("published built-in metric %s v%d", key, BuiltInMetrics.VERSION));
        dashboards.publishBuiltIns(BuiltInDashboards.ALL)
                .forEach(key -> LOG.infof("published built-in dashboard %s v%d", key, BuiltInDashboards.VERSION));
    }
}
