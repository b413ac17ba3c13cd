package org.moderation.bi.dashboard.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.ResolvedMetric;

/**
 * The list of submissions behind a rule's value ({@code /api/v1/submissions}, the same window, metric version and
 * communities): a ratio's numerator, a simple metric's rows. A derived metric has no list of its own (null).
 */
final class AlertDrillDown {

    private AlertDrillDown() {
    }

    static String of(ResolvedMetric metric, TimeWindow window, List<String> communities) {
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
        return path.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
