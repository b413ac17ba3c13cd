package org.moderation.bi.shared.dashboards;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A catalog dashboard: its key, the name of its latest visible version, and the versions the caller may see. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DashboardSummaryView(String key, String name, Integer latestPublishedVersion, List<VersionStatus> versions) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionStatus(int version, String status) {
    }
}
