package org.moderation.bi.dashboard.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.submissions.SubmissionListService;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;

/**
 * The list of submissions behind a rule's value ({@code /api/v1/submissions}, the same window, metric version,
 * communities and filters): a ratio's numerator, a simple metric's rows. A derived metric has no list of its own
 * (null).
 */
final class AlertDrillDown {

    /** The list's parameter for each column a rule may filter by (AlertRuleValidator.FILTER_COLUMNS). */
    private static final Map<Column, String> PARAMETERS = parameters();

    private AlertDrillDown() {
    }

    private static Map<Column, String> parameters() {
        var parameters = new HashMap<Column, String>(Map.of(Column.PLATFORM, "platform", Column.PLATFORM_DETAIL,
                "platformDetail"));
        SubmissionListService.WHAT.forEach((parameter, column) -> parameters.put(column, parameter));
        return Map.copyOf(parameters);
    }

    static String of(ResolvedMetric metric, TimeWindow window, List<String> communities, List<Filter> filters) {
        String type = metric.definition().type();
        if (!"simple".equals(type) && !"ratio".equals(type)) {
            return null;
        }
        var path = new StringBuilder("/api/v1/submissions?from=").append(window.from()).append("&to=")
                .append(window.to()).append("&metric=").append(encode(metric.key())).append("&version=")
                .append(metric.version());
        if ("ratio".equals(type)) {
            path.append("&part=numerator");
        }
        communities.stream().sorted().distinct().forEach(slug -> path.append("&community=").append(encode(slug)));
        for (Filter filter : filters) {
            Column column = Column.named(filter.column()).orElseThrow();
            path.append('&').append(PARAMETERS.get(column)).append('=').append(encode(String.valueOf(filter.value())));
        }
        return path.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
