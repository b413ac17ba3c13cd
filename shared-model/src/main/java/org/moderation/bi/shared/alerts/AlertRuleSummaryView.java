package org.moderation.bi.shared.alerts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A catalog alert rule: its key, the name of its latest visible version, and the versions the caller may see. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRuleSummaryView(String key, String name, Integer latestPublishedVersion, List<VersionStatus> versions) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionStatus(int version, String status) {
    }
}
