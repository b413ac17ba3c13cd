package org.moderation.bi.shared.alerts;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.moderation.bi.shared.api.CatalogVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * One version of a catalog alert rule, as {@code MetricVersionView} is of a metric: {@code status} draft, published or
 * deprecated; {@code revision} the draft's optimistic-lock revision (If-Match); published versions never change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRuleVersionView(String key, int version, String status, AlertRuleDefinition definition,
        String definitionHash, long revision, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt,
        String publishedBy, Instant publishedAt, String deprecatedBy, Instant deprecatedAt, List<Problem> warnings)
        implements CatalogVersionView {

    public AlertRuleVersionView {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
