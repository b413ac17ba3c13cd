package org.moderation.bi.catalog.dashboard.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.catalog.versioning.service.DefinitionRules;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardValidator;
import org.moderation.bi.shared.metrics.Problem;

/** A dashboard is valid by {@link DashboardValidator}, against the catalog's metrics as they are now. */
@ApplicationScoped
public class DashboardRules implements DefinitionRules<DashboardDefinition> {

    private final MetricCatalogService metrics;

    DashboardRules(MetricCatalogService metrics) {
        this.metrics = metrics;
    }

    @Override
    public List<Problem> problems(DashboardDefinition definition, boolean publishing) {
        return DashboardValidator.validate(definition, metrics::versions, publishing);
    }
}
