package org.moderation.bi.shared.metrics;

import java.time.Instant;
import java.util.List;

import org.moderation.bi.shared.api.CatalogVersionView;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One version of a catalog metric. {@code revision} is the optimistic-lock revision of a draft (send it back as
 * {@code If-Match} to change the draft); published and deprecated versions never change. {@code warnings}: what
 * was accepted but deserves a second look, as of when the view was made (a filter value no submission has had yet,
 * with the closest values seen); refusals are never among them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricVersionView(String key, int version, String status, MetricDefinition definition,
        String definitionHash, long revision, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt,
        String publishedBy, Instant publishedAt, String deprecatedBy, Instant deprecatedAt, List<Problem> warnings)
        implements CatalogVersionView {

    public MetricVersionView {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static final String DRAFT = "draft";
    public static final String PUBLISHED = "published";
    public static final String DEPRECATED = "deprecated";
}
