package org.moderation.bi.shared.metrics;

import java.util.List;

/** A catalog metric: its key, the name of its latest visible version, and the versions the caller may see. */
public record MetricSummaryView(String key, String name, Integer latestPublishedVersion, List<VersionStatus> versions) {

    public record VersionStatus(int version, String status) {
    }
}
