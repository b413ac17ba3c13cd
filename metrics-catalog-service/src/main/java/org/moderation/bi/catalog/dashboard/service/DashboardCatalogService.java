package org.moderation.bi.catalog.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.dashboard.persistence.DashboardChangeEntity;
import org.moderation.bi.catalog.dashboard.persistence.DashboardEntity;
import org.moderation.bi.catalog.dashboard.persistence.DashboardRepository;
import org.moderation.bi.catalog.dashboard.persistence.DashboardVersionEntity;
import org.moderation.bi.catalog.versioning.service.VersionedCatalog;
import org.moderation.bi.shared.dashboards.DashboardChangeView;
import org.moderation.bi.shared.dashboards.DashboardDefinition;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;

/** The catalog's dashboards, kept in versions with their audit trail as its metrics are ({@link VersionedCatalog}). */
@ApplicationScoped
public class DashboardCatalogService extends VersionedCatalog<DashboardDefinition, DashboardEntity,
        DashboardVersionEntity, DashboardChangeEntity, DashboardVersionView, DashboardSummaryView, DashboardChangeView> {

    DashboardCatalogService(DashboardRepository repository, DashboardRules rules) {
        super(repository, rules);
    }

    @Override
    protected DashboardVersionView versionView(DashboardVersionEntity v, DashboardDefinition definition) {
        return new DashboardVersionView(v.entry.key, v.version, v.status, definition, v.definitionHash, v.revision,
                v.createdBy, v.createdAt, v.updatedBy, v.updatedAt, v.publishedBy, v.publishedAt, v.deprecatedBy,
                v.deprecatedAt);
    }

    @Override
    protected DashboardSummaryView summaryView(Summary<DashboardVersionEntity> s) {
        return new DashboardSummaryView(s.key(), s.name(), s.latestPublishedVersion(), s.versions().stream()
                .map(v -> new DashboardSummaryView.VersionStatus(v.version, v.status)).toList());
    }

    @Override
    protected DashboardChangeView changeView(DashboardChangeEntity c) {
        return new DashboardChangeView(c.key, c.version, c.action, c.actor, c.actorUsername, c.at, c.definitionHash);
    }
}
