package org.moderation.bi.shared.metrics;

import java.util.List;

/**
 * Asks bi-service to compute a catalog metric: the window [from, to) as ISO dates or instants (UTC), an optional
 * grain (none: one total per group), the dimensions to group by, and extra filters. {@code version} pins a
 * version; without it the latest published one is used.
 */
public record MetricQueryRequest(Integer version, String from, String to, String granularity, List<String> groupBy,
        List<Filter> filters) {

    public MetricQueryRequest {
        groupBy = groupBy == null ? List.of() : groupBy;
        filters = filters == null ? List.of() : filters;
    }
}
