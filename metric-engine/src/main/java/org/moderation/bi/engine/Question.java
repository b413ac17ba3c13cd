package org.moderation.bi.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * What to compute: these metrics over the window [from, to), in buckets of {@code grain} drawn in {@code zone} (no
 * grain: one value per group), for each grouping set (an empty one is the total), narrowed by {@code filters}, within
 * {@code scope}; more than {@code rowLimit} rows of one statement is refused, never cut short (the counts of one set of
 * grouping sets, routed to several statements, count together). With a grain,
 * {@code everyBucket} asks for every bucket of the window (a series); without it only buckets something counted.
 */
public record Question(List<ResolvedMetric> metrics, Instant from, Instant to, ZoneId zone, Grain grain,
        boolean everyBucket, List<List<Column>> groupings, List<Filter> filters, Scope scope, int rowLimit) {

    public Question {
        metrics = List.copyOf(metrics);
        groupings = groupings.stream().map(List::copyOf).toList();
        filters = List.copyOf(filters);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
        }
    }

    /** One value of each metric over the window, per group of each grouping set, without buckets. */
    public static Question grouped(List<ResolvedMetric> metrics, Instant from, Instant to,
            List<List<Column>> groupings, List<Filter> filters, Scope scope, int rowLimit) {
        return new Question(metrics, from, to, java.time.ZoneOffset.UTC, null, false, groupings, filters, scope,
                rowLimit);
    }
}
