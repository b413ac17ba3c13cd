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
 * Publishes what the catalog is built with, each at its version, where the catalog does not have it yet: the built-in
 * metrics, then the built-in dashboards that pin them (the overview: the page). Version 1 at the first start; a later
 * built-in version (removal_rate v2, overview v2) at the first start of the release that brings it. A version the
 * catalog holds is left alone, and one an admin made with the built-in's number is logged: pages pinning it show the
 * admin's. Replicas starting together take turns, so none is made twice.
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
        var seededMetrics = metrics.publishBuiltIns(BuiltInMetrics.SEEDED);
        seededMetrics.published().forEach(v -> LOG.infof("published built-in metric %s", v));
        seededMetrics.refused().forEach(v -> LOG.errorf("built-in metric not published: %s", v));
        var seededDashboards = dashboards.publishBuiltIns(BuiltInDashboards.SEEDED);
        seededDashboards.published().forEach(v -> LOG.infof("published built-in dashboard %s", v));
        seededDashboards.refused().forEach(v -> LOG.errorf("built-in dashboard not published: %s", v));
        metrics.differingBuiltIns(BuiltInMetrics.SEEDED).forEach(v -> LOG.warnf("metric %s is not the built-in "
                + "version of that number (an admin made it first): the built-in dashboards that pin it show it", v));
        dashboards.differingBuiltIns(BuiltInDashboards.SEEDED).forEach(v -> LOG.warnf("dashboard %s is not the "
                + "built-in version of that number (an admin made it first)", v));
    }
}
