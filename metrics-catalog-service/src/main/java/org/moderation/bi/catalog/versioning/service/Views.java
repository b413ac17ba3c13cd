package org.moderation.bi.catalog.versioning.service;

import java.time.Instant;
import java.util.List;

import org.moderation.bi.shared.metrics.Problem;

/**
 * How a kind's API views are made from what the lifecycle keeps: the canonical constructors of its records
 * ({@code MetricVersionView::new}, …), which all kinds' views share the shape of.
 *
 * @param <ST> a summary's element, one version's number and status
 */
public record Views<D, VV, SV, ST, CV>(VersionView<D, VV> version, SummaryView<ST, SV> summary,
        StatusView<ST> status, ChangeView<CV> change) {

    @FunctionalInterface
    public interface VersionView<D, VV> {
        VV of(String key, int version, String status, D definition, String definitionHash, long revision,
                String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, String publishedBy,
                Instant publishedAt, String deprecatedBy, Instant deprecatedAt, List<Problem> warnings);
    }

    @FunctionalInterface
    public interface SummaryView<ST, SV> {
        SV of(String key, String name, Integer latestPublishedVersion, List<ST> versions);
    }

    @FunctionalInterface
    public interface StatusView<ST> {
        ST of(int version, String status);
    }

    @FunctionalInterface
    public interface ChangeView<CV> {
        CV of(String key, int version, String action, String actor, String actorUsername, Instant at,
                String definitionHash);
    }
}
