package org.moderation.bi.engine.sql;

import java.util.List;

import org.moderation.bi.shared.metrics.Column;

/**
 * The groups of a top N: the groups of {@code column} narrowed to {@code values} (and the group of submissions without
 * a value), or, {@code outside}, the submissions having at least one value of {@code column} that is not among them
 * (a top N's "other": distinct submissions, however many other values each has).
 */
public record Restriction(Column column, List<String> values, boolean outside) {

    public Restriction {
        values = List.copyOf(values);
    }
}
