package org.moderation.bi.shared.dashboards;

import java.time.Instant;
import java.util.List;

import org.moderation.bi.shared.api.CatalogVersionView;
import org.moderation.bi.shared.metrics.Problem;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One version of a catalog dashboard, as {@code MetricVersionView} is of a metric: {@code status} draft, published or
 * deprecated; {@code revision} the draft's optimistic-lock revision (If-Match); published versions never change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DashboardVersionView(String key, int version, String status, DashboardDefinition definition,
        String definitionHash, long revision, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt,
        String publishedBy, Instant publishedAt, String deprecatedBy, Instant deprecatedAt, List<Problem> warnings)
        implements CatalogVersionView {

    public DashboardVersionView {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
