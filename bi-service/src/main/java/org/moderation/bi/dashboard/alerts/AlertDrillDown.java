package org.moderation.bi.dashboard.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.moderation.bi.dashboard.filters.DimensionParameters;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;

/**
 * The list of submissions behind a rule's value ({@code /api/v1/submissions}, the same window, metric version,
 * communities and filters): a ratio's numerator, a simple metric's rows. A derived metric has no list of its own
 * (null).
 */
final class AlertDrillDown {

    private AlertDrillDown() {
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
            // A rule filters only by columns a list can (AlertRuleValidator.FILTER_COLUMNS).
            path.append('&').append(DimensionParameters.parameterOf(column).orElseThrow()).append('=')
                    .append(encode(String.valueOf(filter.value())));
        }
        return path.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
