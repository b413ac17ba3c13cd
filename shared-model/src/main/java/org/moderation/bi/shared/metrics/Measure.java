package org.moderation.bi.shared.metrics;

import java.util.List;

/**
 * One aggregation over the read model: {@code count} of rows (no column) or of a column's non-null values, or
 * another aggregation of a column, over the rows whose {@code time} column falls in the asked window and that pass
 * every filter.
 */
public record Measure(String aggregation, String column, String time, List<Filter> filters) {

    public Measure {
        filters = filters == null ? List.of() : filters;
    }
}
