package org.moderation.bi.dashboard.filters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.moderation.bi.shared.metrics.Filter;

/**
 * Dimension parameters as a request asked them, by name (echoed, and put in links), with the filters they mean:
 * checked once, when made.
 */
public final class DimensionFilters {

    private static final DimensionFilters NONE = new DimensionFilters(Map.of(), List.of());

    private final Map<String, String> asked;
    private final List<Filter> filters;

    private DimensionFilters(Map<String, String> asked, List<Filter> filters) {
        this.asked = asked;
        this.filters = filters;
    }

    /** The filters {@code asked} means; a parameter or value that means none is a 400 ({@link DimensionParameters}). */
    public static DimensionFilters of(Map<String, String> asked) {
        return asked.isEmpty() ? NONE : new DimensionFilters(Collections.unmodifiableMap(new LinkedHashMap<>(asked)),
                DimensionParameters.filters(asked));
    }

    public static DimensionFilters none() {
        return NONE;
    }

    /** The parameters by name, in the order of {@link DimensionParameters#names()} when read from a request. */
    public Map<String, String> asked() {
        return asked;
    }

    public List<Filter> filters() {
        return filters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DimensionFilters that && asked.equals(that.asked);
    }

    @Override
    public int hashCode() {
        return asked.hashCode();
    }

    @Override
    public String toString() {
        return asked.toString();
    }
}
