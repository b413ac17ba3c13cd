package org.moderation.bi.shared.metrics;

import java.util.List;

/**
 * Asks bi-service to compute a catalog metric: the window [from, to) as ISO dates or instants (UTC), an optional
 * grain (none: one total per group), the dimensions to group by, and extra filters. {@code version} pins a
 * version; without it the latest published one is used. {@code top} (with one dimension to group by) asks for its
 * {@code top} groups by the metric's volume and for the rest as one "other" value. {@code compare} ({@code previous}:
 * the same length just before; {@code year}: a year earlier; {@code none}, the default) gives each row, without a
 * grain, its value over that window too.
 */
public record MetricQueryRequest(Integer version, String from, String to, String granularity, List<String> groupBy,
        List<Filter> filters, Integer top, String compare) {

    public MetricQueryRequest {
        groupBy = groupBy == null ? List.of() : groupBy;
        filters = filters == null ? List.of() : filters;
    }

    public MetricQueryRequest(Integer version, String from, String to, String granularity, List<String> groupBy,
            List<Filter> filters) {
        this(version, from, to, granularity, groupBy, filters, null, null);
    }
}
