package org.moderation.bi.dashboard.filters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Problem;
import org.moderation.bi.shared.metrics.SeenValues;
import org.moderation.bi.shared.platform.PlatformDetail;

/**
 * The request parameters that narrow numbers and lists to the submissions with one value of a dimension
 * ({@code platform=meta}, {@code category=holocaust_denial}, …): one value each, and on a many-valued dimension
 * "has this value among others". One list for the dashboard view, the submission lists and the alerts' drill-downs,
 * so that a link one of them makes is read the same by the others.
 */
public final class DimensionParameters {

    /** What a parameter means and how the OpenAPI document describes it. */
    record Described(String name, Column column, String description, String example) {
    }

    private static final List<Described> DESCRIBED = List.of(
            new Described("platform", Column.PLATFORM, "Only this platform group", "meta"),
            new Described("platformDetail", Column.PLATFORM_DETAIL, "Only this platform detail", "instagram"),
            new Described("category", Column.CATEGORY, "Only the submissions with this category code (among "
                    + "others), as kept: lower case, _ between words", "holocaust_denial"),
            new Described("hashtag", Column.HASHTAG, "Only the submissions with this hashtag (among others), as "
                    + "kept: lower case, without #", "nwo"),
            new Described("reportChannel", Column.REPORT_CHANNEL, "Only the submissions with a report through this "
                    + "channel (among others)", null),
            new Described("takedownChannel", Column.TAKEDOWN_CHANNEL, "Only the submissions whose effective "
                    + "takedown came through a report of this channel", null),
            new Described("language", Column.LANGUAGE, "Only posts in this language, as kept: lower case, - "
                    + "between a tag's parts", "de"),
            new Described("classifierLabel", Column.CLASSIFIER_LABEL, "Only posts the classifier labelled so (its "
                    + "highest-scoring label), lower case", "antisemitism"));

    private static final Map<String, Column> COLUMNS = columns();

    private DimensionParameters() {
    }

    private static Map<String, Column> columns() {
        var columns = new LinkedHashMap<String, Column>();
        DESCRIBED.forEach(described -> columns.put(described.name(), described.column()));
        return Collections.unmodifiableMap(columns);
    }

    static List<Described> described() {
        return DESCRIBED;
    }

    /** The parameter names, in the order a link lists them. */
    public static List<String> names() {
        return List.copyOf(COLUMNS.keySet());
    }

    /** The parameter that filters by {@code column}, if one does. */
    public static Optional<String> parameterOf(Column column) {
        return COLUMNS.entrySet().stream().filter(e -> e.getValue() == column).map(Map.Entry::getKey).findFirst();
    }

    /** The dimension parameters among a request's, in the order of {@link #names()}. */
    public static Map<String, String> asked(MultivaluedMap<String, String> parameters) {
        var asked = new LinkedHashMap<String, String>();
        for (String name : COLUMNS.keySet()) {
            String value = parameters.getFirst(name);
            if (value != null) {
                asked.put(name, value);
            }
        }
        return asked;
    }

    /**
     * What a parameter means, its value checked: a platform or platform detail must be one of the known ones, a report
     * or takedown channel one of the channels; an open set's value (category, hashtag, language, classifier label) is
     * any value the migrator could have kept. A mistake is a 400 that names the parameter.
     */
    public static Filter filter(String parameter, String value) {
        Column column = COLUMNS.get(parameter);
        if (column == null) {
            throw new IllegalArgumentException("not a dimension parameter: " + parameter);
        }
        switch (column) {
            case PLATFORM -> oneOf(parameter, value, PlatformDetail.groups());
            case PLATFORM_DETAIL -> oneOf(parameter, value, PlatformDetail.codes());
            default -> {
                List<Problem> problems = MetricValidator.validateFilters(List.of(having(column, value)), parameter,
                        KnownValues.CLOSED);
                if (!problems.isEmpty()) {
                    throw new ApiException(400, "bad_request", parameter + ": " + problems.getFirst().message(),
                            List.of(value));
                }
            }
        }
        return having(column, value);
    }

    /** The filters the asked parameters mean, each checked ({@link #filter}). */
    public static List<Filter> filters(Map<String, String> asked) {
        var filters = new ArrayList<Filter>();
        asked.forEach((parameter, value) -> filters.add(filter(parameter, value)));
        return List.copyOf(filters);
    }

    /**
     * Warnings for the values that no submission has had yet: the answer is empty for them, which is said, with the
     * closest values seen.
     */
    public static List<Problem> unseen(Map<String, String> asked, SeenValues seen) {
        var warnings = new ArrayList<Problem>();
        asked.forEach((parameter, value) -> {
            Column column = COLUMNS.get(parameter);
            if (column != null && column != Column.PLATFORM && column != Column.PLATFORM_DETAIL) {
                MetricValidator.checkFilters(List.of(having(column, value)), parameter, KnownValues.NONE, seen)
                        .warnings().forEach(warning -> warnings.add(new Problem(parameter, warning.message())));
            }
        });
        return warnings;
    }

    private static Filter having(Column column, String value) {
        return new Filter(column.jsonName(), "eq", value, null);
    }

    private static void oneOf(String parameter, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ApiException(400, "bad_request", parameter + " '" + value + "' is not one of "
                    + String.join(", ", allowed), List.of(value));
        }
    }
}
