package org.moderation.bi.catalog.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.dashboard.persistence.DashboardChangeEntity;
import org.moderation.bi.catalog.dashboard.persistence.DashboardEntity;
import org.moderation.bi.catalog.dashboard.persistence.DashboardRepository;
import org.moderation.bi.catalog.dashboard.persistence.DashboardVersionEntity;
import org.moderation.bi.catalog.versioning.service.Kind;
import org.moderation.bi.catalog.versioning.service.VersionedCatalog;
import org.moderation.bi.catalog.versioning.service.Views;
import org.moderation.bi.shared.dashboards.DashboardChangeView;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;

/** The catalog's dashboards, kept in versions with their audit trail as its metrics are ({@link VersionedCatalog}). */
@ApplicationScoped
public class DashboardCatalogService extends VersionedCatalog<DashboardDefinition, DashboardEntity,
        DashboardVersionEntity, DashboardChangeEntity, DashboardVersionView, DashboardSummaryView, DashboardChangeView> {

    DashboardCatalogService(DashboardRepository repository, DashboardRules rules) {
        super(repository, new Kind<>("dashboard", DashboardDefinition.class, DashboardDefinition::key,
                DashboardDefinition::name), rules, new Views<>(DashboardVersionView::new, DashboardSummaryView::new,
                DashboardSummaryView.VersionStatus::new, DashboardChangeView::new));
    }
}
