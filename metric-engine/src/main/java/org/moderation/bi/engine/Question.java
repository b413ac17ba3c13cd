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
 * <p>
 * {@code top} (null: every group) asks for the {@code top} groups of the one dimension of the first grouping set,
 * ranked over the whole window by the first metric's volume (a simple metric's measure, a ratio's denominator), and for
 * the rest as one "other" value computed over its own submissions ({@link Answer.Result#other}), never as a
 * difference; the other grouping sets, if any, are totals (without dimensions) over every group. {@code search}
 * (null: none) keeps the submissions whose post's words, author or link match it (as the lists search).
 */
public record Question(List<ResolvedMetric> metrics, Instant from, Instant to, ZoneId zone, Grain grain,
        boolean everyBucket, List<List<Column>> groupings, List<Filter> filters, Scope scope, int rowLimit,
        Integer top, String search) {

    public Question {
        metrics = List.copyOf(metrics);
        groupings = groupings.stream().map(List::copyOf).toList();
        filters = List.copyOf(filters);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
        }
        if (top != null && (top < 1 || groupings.isEmpty() || groupings.getFirst().size() != 1
                || groupings.stream().skip(1).anyMatch(set -> !set.isEmpty()))) {
            throw new IllegalArgumentException("a top N is of at least one group of one dimension, beside totals: "
                    + top + " of " + groupings);
        }
    }

    public Question(List<ResolvedMetric> metrics, Instant from, Instant to, ZoneId zone, Grain grain,
            boolean everyBucket, List<List<Column>> groupings, List<Filter> filters, Scope scope, int rowLimit) {
        this(metrics, from, to, zone, grain, everyBucket, groupings, filters, scope, rowLimit, null, null);
    }

    /** The same question of every group, in these grouping sets. */
    Question regrouped(List<List<Column>> other) {
        return new Question(metrics, from, to, zone, grain, everyBucket, other, filters, scope, rowLimit, null,
                search);
    }

    /** The same question, without buckets or a top N, over another window, grouped and filtered so. */
    Question over(Instant otherFrom, Instant otherTo, List<List<Column>> otherGroupings, List<Filter> otherFilters) {
        return new Question(metrics, otherFrom, otherTo, zone, null, false, otherGroupings, otherFilters, scope,
                rowLimit, null, search);
    }

    /** One value of each metric over the window, per group of each grouping set, without buckets. */
    public static Question grouped(List<ResolvedMetric> metrics, Instant from, Instant to,
            List<List<Column>> groupings, List<Filter> filters, Scope scope, int rowLimit) {
        return new Question(metrics, from, to, java.time.ZoneOffset.UTC, null, false, groupings, filters, scope,
                rowLimit);
    }
}
