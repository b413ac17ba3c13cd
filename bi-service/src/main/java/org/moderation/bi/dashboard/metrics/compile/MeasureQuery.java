package org.moderation.bi.dashboard.metrics.compile;

import java.util.List;

/**
 * A compiled measure: SQL text assembled from the compiler's constant fragments only, and the values to bind to
 * its placeholders in order. {@code groups} is the number of group-by columns after the bucket.
 */
public record MeasureQuery(String sql, List<Object> parameters, int groups) {

    /** A value bound as a PostgreSQL array of {@code elementType}. */
    public record ArrayParameter(String elementType, Object[] values) {
    }
}
