package org.moderation.bi.catalog.openapi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.Vocabulary.ArithmeticOp;
import org.moderation.bi.shared.metrics.Vocabulary.MetricType;

/**
 * One complete definition per metric type, shown as the request examples of the OpenAPI document: a starting
 * point an admin can send as it is (the derived one refers to the built-ins, published at the catalog's first start).
 */
public final class MetricExamples {

    public static final MetricDefinition SIMPLE = new MetricDefinition("removals_on_meta", "Removals on Meta",
            "Submissions on Facebook, Instagram, Threads or WhatsApp whose effective takedown falls in the window.",
            "simple", "count",
            new Measure("count", null, "effective_takedown_at", List.of(new Filter("platform", "eq", "meta", null))),
            null, null, null, List.of("day", "week", "month"), List.of("community", "platform_detail"), List.of());

    public static final MetricDefinition RATIO = new MetricDefinition("report_flow_share", "Share of removals by report",
            "Among the removals in the window, the share whose takedown was recorded by the reporting flow.",
            "ratio", "ratio", null,
            new Measure("count", null, "effective_takedown_at",
                    List.of(new Filter("takedown_source", "eq", "report_flow", null))),
            new Measure("count", null, "effective_takedown_at", List.of()),
            null, List.of("week", "month"), List.of("community", "platform"), List.of());

    public static final MetricDefinition DERIVED = new MetricDefinition("removals_per_100_submissions",
            "Removals per 100 submissions",
            "The window's removals for every 100 of its submissions: the built-ins removals and submissions, divided.",
            "derived", "count", null, null, null,
            Expression.of(ArithmeticOp.MULTIPLY,
                    Expression.of(ArithmeticOp.DIVIDE, Expression.metric("removals"), Expression.metric("submissions")),
                    Expression.constant(100)),
            List.of("week", "month"), List.of("community", "platform"), List.of());

    public static final Map<MetricType, MetricDefinition> ALL = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            MetricType.SIMPLE, SIMPLE, MetricType.RATIO, RATIO, MetricType.DERIVED, DERIVED)));

    private MetricExamples() {
    }
}
