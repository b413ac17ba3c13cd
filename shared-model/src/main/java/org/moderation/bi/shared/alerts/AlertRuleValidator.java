package org.moderation.bi.shared.alerts;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.moderation.bi.shared.api.DidYouMean;
import org.moderation.bi.shared.dashboards.MetricVersions;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * Checks an alert rule against the catalog's metrics and the read model's communities, and returns every problem at
 * once, each with its JSON path. As a dashboard's tiles may, a draft rule may watch a metric version that is a draft
 * still; publishing it requires a published version. A deprecated version is never pinned anew.
 */
public final class AlertRuleValidator {

    /** The longest rolling windows: 92 days (a quarter), in either unit. */
    public static final int MAX_HOURS = 2208;
    public static final int MAX_DAYS = 92;
    /** A change condition compares with at most a year of monthly windows back. */
    public static final int MAX_PERIODS_BACK = 12;
    /** The longest {@code for}: a condition that must hold for more than a week is a report, not an alert. */
    public static final Duration MAX_FOR = Duration.ofDays(7);

    public static final List<String> ROLLING_UNITS = List.of("hours", "days");
    public static final List<String> CALENDAR_UNITS = List.of("day", "week", "month");
    public static final List<String> CONDITIONS = List.of(AlertCondition.ABOVE, AlertCondition.BELOW,
            AlertCondition.CHANGE_ABOVE, AlertCondition.CHANGE_BELOW, AlertCondition.NO_DATA);
    public static final List<String> CHANGES = List.of(AlertCondition.ABSOLUTE, AlertCondition.RELATIVE);

    /**
     * What a rule's filters may name: the dimensions the submission list takes one value of, so that the list behind
     * a rule's value always holds the submissions it counted. Communities are the rule's {@code communities}.
     */
    public static final Set<Column> FILTER_COLUMNS = EnumSet.of(Column.PLATFORM, Column.PLATFORM_DETAIL,
            Column.CATEGORY, Column.HASHTAG, Column.REPORT_CHANNEL, Column.TAKEDOWN_CHANNEL, Column.LANGUAGE,
            Column.CLASSIFIER_LABEL);
    public static final int MAX_FILTERS = FILTER_COLUMNS.size();

    private static final String KEY_RULE = "must be 1 to 63 characters of a-z, 0-9 and _, starting with a letter";

    private final MetricVersions metrics;
    private final KnownValues known;
    private final boolean publishing;
    private final List<Problem> problems = new ArrayList<>();

    private AlertRuleValidator(MetricVersions metrics, KnownValues known, boolean publishing) {
        this.metrics = metrics;
        this.known = known;
        this.publishing = publishing;
    }

    /**
     * Problems of {@code definition} as a draft ({@code publishing} false) or about to be published. {@code known}
     * gives the communities that exist; it is asked only when the rule names some.
     */
    public static List<Problem> validate(AlertRuleDefinition definition, MetricVersions metrics, KnownValues known,
            boolean publishing) {
        var validator = new AlertRuleValidator(metrics, known, publishing);
        if (definition == null) {
            validator.problem("$", "an alert rule definition is required");
        } else {
            validator.definition(definition);
        }
        return List.copyOf(validator.problems);
    }

    private void definition(AlertRuleDefinition d) {
        if (d.key() == null || !MetricValidator.KEY.matcher(d.key()).matches()) {
            problem("$.key", KEY_RULE);
        }
        MetricValidator.textProblem(d.name(), MetricValidator.MAX_NAME).ifPresent(p -> problem("$.name", p));
        MetricValidator.textProblem(d.summary(), MetricValidator.MAX_DESCRIPTION).ifPresent(p -> problem("$.summary", p));
        metric(d.metric());
        window(d.window());
        condition(d.condition());
        if (d.minimumCount() != null && (!Double.isFinite(d.minimumCount()) || d.minimumCount() < 0)) {
            problem("$.minimumCount", "must be 0 or more (or left out: no minimum)");
        }
        forDuration(d.forDuration());
        if (!oneOf(AlertRuleDefinition.SEVERITIES, d.severity())) {
            problem("$.severity", "must be one of " + String.join(", ", AlertRuleDefinition.SEVERITIES));
        }
        communities(d.communities());
        filters(d.filters());
    }

    private void metric(AlertRuleDefinition.AlertMetric metric) {
        if (metric == null) {
            problem("$.metric", "is required: the key of a published metric, and its version or none to follow the "
                    + "latest published one");
            return;
        }
        String key = metric.key();
        if (key == null || !MetricValidator.KEY.matcher(key).matches()) {
            problem("$.metric.key", "must be a metric's key");
            return;
        }
        List<MetricVersionView> versions = metrics.of(key);
        if (versions.isEmpty()) {
            problem("$.metric.key", "unknown metric " + key);
            return;
        }
        if (metric.version() == null) {
            followed(key, versions);
        } else {
            pinned(key, metric.version(), versions);
        }
    }

    private void pinned(String key, int number, List<MetricVersionView> versions) {
        var version = versions.stream().filter(v -> v.version() == number).findFirst().orElse(null);
        if (version == null) {
            problem("$.metric.version", key + " has no version " + number + "; its versions: " + String.join(", ",
                    versions.stream().map(v -> v.version() + " (" + v.status() + ")").toList())
                    + "; or leave version out to follow the latest published one");
        } else if (MetricVersionView.DEPRECATED.equals(version.status())) {
            problem("$.metric.version", "version " + number + " of " + key + " is deprecated: pin a published version, "
                    + "or leave version out to follow the latest published one");
        } else if (publishing && MetricVersionView.DRAFT.equals(version.status())) {
            problem("$.metric.version", "version " + number + " of " + key + " is a draft: publish it before this "
                    + "rule, or pin a published version");
        }
    }

    private void followed(String key, List<MetricVersionView> versions) {
        boolean published = versions.stream().anyMatch(v -> MetricVersionView.PUBLISHED.equals(v.status()));
        var draft = versions.stream().filter(v -> MetricVersionView.DRAFT.equals(v.status())).findFirst();
        if (!published && (publishing || draft.isEmpty())) {
            problem("$.metric.key", key + " has no published version to follow"
                    + (draft.isPresent() ? ": publish its draft (version " + draft.get().version() + ") first" : ""));
        }
    }

    private void window(AlertWindow window) {
        if (window == null) {
            problem("$.window", "is required: rolling (the last N hours or days) or calendar (this day, week or month)");
            return;
        }
        if (AlertWindow.ROLLING.equals(window.kind())) {
            if (!oneOf(ROLLING_UNITS, window.unit())) {
                problem("$.window.unit", "a rolling window counts " + String.join(" or ", ROLLING_UNITS));
            } else {
                int max = "hours".equals(window.unit()) ? MAX_HOURS : MAX_DAYS;
                if (window.amount() == null || window.amount() < 1 || window.amount() > max) {
                    problem("$.window.amount", "must be 1 to " + max + " " + window.unit() + " for a rolling window");
                }
            }
        } else if (AlertWindow.CALENDAR.equals(window.kind())) {
            if (!oneOf(CALENDAR_UNITS, window.unit())) {
                problem("$.window.unit", "a calendar window is the " + String.join(", ", CALENDAR_UNITS)
                        + " under way");
            }
            if (window.amount() != null) {
                problem("$.window.amount", "a calendar window takes no amount: it is the " + (window.unit() == null
                        ? "unit" : window.unit()) + " under way");
            }
        } else {
            problem("$.window.kind", "must be " + AlertWindow.ROLLING + " or " + AlertWindow.CALENDAR);
        }
        if (window.timeZone() != null && !ZoneId.getAvailableZoneIds().contains(window.timeZone())) {
            problem("$.window.timeZone", "'" + window.timeZone() + "' is not an IANA time zone such as Europe/Berlin "
                    + "or UTC" + (window.timeZone().isBlank() ? "" : closestZone(window.timeZone())));
        }
    }

    private static String closestZone(String zone) {
        return DidYouMean.closest(zone, ZoneId.getAvailableZoneIds())
                .map(z -> " (did you mean " + z + "?)").orElse("");
    }

    private void condition(AlertCondition condition) {
        if (condition == null) {
            problem("$.condition", "is required: when the rule fires");
            return;
        }
        String type = condition.type();
        if (!oneOf(CONDITIONS, type)) {
            problem("$.condition.type", "must be one of " + String.join(", ", CONDITIONS));
            return;
        }
        if (AlertCondition.NO_DATA.equals(type)) {
            if (condition.threshold() != null) {
                problem("$.condition.threshold", "no_data takes no threshold");
            }
        } else if (condition.threshold() == null || !Double.isFinite(condition.threshold())) {
            problem("$.condition.threshold", "is required with " + type + ", in the metric's unit (0.2 is 20 %)");
        }
        boolean change = AlertCondition.CHANGE_ABOVE.equals(type) || AlertCondition.CHANGE_BELOW.equals(type);
        if (change) {
            if (condition.periodsBack() == null || condition.periodsBack() < 1
                    || condition.periodsBack() > MAX_PERIODS_BACK) {
                problem("$.condition.periodsBack", "must be 1 (the window just before) to " + MAX_PERIODS_BACK
                        + " with " + type);
            }
            if (!oneOf(CHANGES, condition.change())) {
                problem("$.condition.change", "must be " + String.join(" or ", CHANGES) + " with " + type);
            }
        } else {
            if (condition.periodsBack() != null) {
                problem("$.condition.periodsBack", type + " compares with no earlier window: leave it out");
            }
            if (condition.change() != null) {
                problem("$.condition.change", type + " compares with no earlier window: leave it out");
            }
        }
    }

    private void forDuration(String value) {
        if (value == null) {
            return;
        }
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            problem("$.forDuration", "must be an ISO-8601 duration such as PT30M or P1D");
            return;
        }
        if (duration.isNegative() || duration.compareTo(MAX_FOR) > 0) {
            problem("$.forDuration", "must be between PT0S and " + MAX_FOR + " (7 days)");
        }
    }

    private void communities(List<String> communities) {
        if (communities.size() > MetricValidator.MAX_VALUES) {
            problem("$.communities", "at most " + MetricValidator.MAX_VALUES + " communities");
            return;
        }
        var seen = new HashSet<String>();
        Optional<Collection<String>> slugs = null;
        for (int i = 0; i < communities.size(); i++) {
            String path = "$.communities[" + i + "]";
            String slug = communities.get(i);
            if (slug == null || slug.isBlank()) {
                problem(path, "must be a community's slug");
            } else if (!seen.add(slug)) {
                problem(path, slug + " is named twice");
            } else {
                // Read once, and only for a rule that names communities: the read model may be down.
                slugs = slugs == null ? known.of(Column.COMMUNITY) : slugs;
                slugs.flatMap(known -> MetricValidator.unknownValue(Column.COMMUNITY, slug, known))
                        .ifPresent(p -> problem(path, p));
            }
        }
    }

    /**
     * Each filter "has this value" ({@code eq}) on a column of {@link #FILTER_COLUMNS}, each column once; its value
     * checked as a metric's filter's is (a closed set's vocabulary, an open set's value as the migrator keeps it).
     */
    private void filters(List<Filter> filters) {
        if (filters.size() > MAX_FILTERS) {
            problem("$.filters", "at most " + MAX_FILTERS + " filters, one per column");
            return;
        }
        int before = problems.size();
        var columns = new HashSet<Column>();
        for (int i = 0; i < filters.size(); i++) {
            String path = "$.filters[" + i + "]";
            Filter filter = filters.get(i);
            if (filter == null) {
                problem(path, "a filter is required: {\"column\": \"hashtag\", \"op\": \"eq\", \"value\": \"…\"}");
                continue;
            }
            Column column = filter.column() == null ? null : Column.named(filter.column()).orElse(null);
            if (column == null || !FILTER_COLUMNS.contains(column)) {
                problem(path + ".column", "a rule filters by one of " + String.join(", ", FILTER_COLUMNS.stream()
                        .map(Column::jsonName).toList()) + (column == Column.COMMUNITY
                        ? "; its communities are named in communities" : ""));
            } else if (!columns.add(column)) {
                problem(path + ".column", column.jsonName() + " is filtered twice: a rule takes one value a column");
            } else if (!"eq".equals(filter.op())) {
                problem(path + ".op", "a rule's filter is eq: the submissions that have this value");
            }
        }
        if (problems.size() == before) {
            problems.addAll(MetricValidator.validateFilters(filters, "$.filters", known));
        }
    }

    /** Null-safe: the closed lists are immutable, which refuse to be asked about null. */
    private static boolean oneOf(List<String> words, String value) {
        return value != null && words.contains(value);
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
