package org.moderation.bi.shared.metrics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A catalog metric: its key, the name of its latest visible version, and the versions the caller may see.
 *
 * @param neverCounted whether its latest published version counted nothing over the read model's whole history (its
 *                     every value null or zero: a definition that cannot mean anything on this data); null when it
 *                     has no published version or the read model did not answer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricSummaryView(String key, String name, Integer latestPublishedVersion, List<VersionStatus> versions,
        Boolean neverCounted) {

    /** Before the read model was asked. */
    public MetricSummaryView(String key, String name, Integer latestPublishedVersion, List<VersionStatus> versions) {
        this(key, name, latestPublishedVersion, versions, null);
    }

    public MetricSummaryView withNeverCounted(Boolean never) {
        return new MetricSummaryView(key, name, latestPublishedVersion, versions, never);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionStatus(int version, String status) {
    }
}
