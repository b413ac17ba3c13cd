package org.moderation.bi.shared.metrics;

import java.util.Collections;
import java.util.List;

/**
 * A condition on one column. {@code value} for one-value operators, {@code values} for {@code in}, {@code not_in}
 * and {@code between} (low, high); neither for {@code is_null} / {@code is_not_null}. Values are always bound as
 * parameters.
 */
public record Filter(String column, String op, Object value, List<Object> values) {

    /** What it names: its values, or its one value (none for is_null and is_not_null: a list of one null). */
    public List<Object> named() {
        return values == null || values.isEmpty() ? Collections.singletonList(value) : values;
    }
}
