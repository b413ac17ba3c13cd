package org.moderation.bi.dashboard.alerts;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.engine.Scope;
import org.moderation.bi.engine.snapshot.ReadModelVersion;
import org.moderation.bi.engine.snapshot.Snapshot;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;

/**
 * Reads a rule's numbers through the metric engine, in one snapshot: its metric over its window (and the earlier
 * window of a change condition), and the rows counted, within the rule's communities. Reads nothing when the inputs
 * cannot have changed since the last reading: the same metric version and windows, and the read model's version
 * unchanged (no snapshot at all) or the data version of the windows' months unchanged. Counted in
 * {@code bi_alerts_evaluations_total{outcome=computed|skipped}}.
 */
@ApplicationScoped
class RuleReader {

    private static final int ROWS = 1_000;

    private final ReadModel readModel;
    private final Counter computed;
    private final Counter skipped;

    RuleReader(ReadModel readModel, MeterRegistry registry) {
        this.readModel = readModel;
        this.computed = registry.counter("bi.alerts.evaluations", "outcome", "computed");
        this.skipped = registry.counter("bi.alerts.evaluations", "outcome", "skipped");
    }

    Reading read(AlertRuleVersionView rule, Tracked previous, ResolvedMetric metric, AlertWindows windows,
            ReadModelVersion version) throws SQLException {
        Reading last = previous == null || previous.rule().version() != rule.version()
                || !metric.equals(previous.metric()) || !windows.equals(previous.windows()) ? null : previous.reading();
        if (last != null && version != null && last.readModel() != null
                && last.readModel().version() == version.version()) {
            skipped.increment();
            return last;
        }
        TimeWindow span = windows.span();
        return readModel.read(span.from(), span.to(), snapshot -> {
            if (last != null && snapshot.dataVersion() == last.dataVersion()) {
                skipped.increment();
                return new Reading(last.value(), last.compared(), last.count(), snapshot.version(),
                        snapshot.dataVersion());
            }
            computed.increment();
            return compute(snapshot, rule.definition().communities(), metric, windows);
        });
    }

    /** The metric over the windows within the communities (empty: all), read in {@code snapshot}. */
    Reading compute(Snapshot snapshot, List<String> communities, ResolvedMetric metric, AlertWindows windows)
            throws SQLException {
        Scope scope = new Scope(communities.isEmpty(), communities);
        ResolvedMetric rows = rows(metric);
        List<ResolvedMetric> metrics = rows == null ? List.of(metric) : List.of(metric, rows);
        Answer now = answer(snapshot, metrics, windows.current(), scope);
        Answer.Value value = now.result(metric).total();
        Double compared = null;
        if (windows.compared() != null) {
            Answer.Value before = answer(snapshot, List.of(metric), windows.compared(), scope).result(metric).total();
            compared = before == null ? null : before.value();
        }
        MetricDefinition definition = metric.definition();
        Double count = switch (definition.type()) {
            case "ratio" -> value == null || value.denominator() == null ? 0.0 : value.denominator();
            case "simple" -> {
                Answer.Value counted = rows == null ? value : now.result(rows).total();
                yield counted == null || counted.value() == null ? 0.0 : counted.value();
            }
            default -> null;
        };
        return new Reading(value == null ? null : value.value(), compared, count, snapshot.version(),
                snapshot.dataVersion());
    }

    private Answer answer(Snapshot snapshot, List<ResolvedMetric> metrics, TimeWindow window, Scope scope)
            throws SQLException {
        return readModel.answer(snapshot, Question.grouped(metrics, window.from(), window.to(), List.of(List.of()),
                List.of(), scope, ROWS));
    }

    /** For a simple metric that is not a count (a sum, a median), the count of the rows it is computed from. */
    private static ResolvedMetric rows(ResolvedMetric metric) {
        MetricDefinition d = metric.definition();
        if (!"simple".equals(d.type()) || d.measure() == null || "count".equals(d.measure().aggregation())) {
            return null;
        }
        var counted = new MetricDefinition(d.key() + "_rows", d.name() + " (rows counted)",
                "The rows " + d.key() + " is computed from.", "simple", "count",
                new Measure("count", null, d.measure().time(), d.measure().filters()), null, null, null, d.grains(),
                d.dimensions(), List.of());
        return new ResolvedMetric(counted.key(), metric.version(), metric.status(), DefinitionHash.of(counted),
                counted, Map.of());
    }
}
