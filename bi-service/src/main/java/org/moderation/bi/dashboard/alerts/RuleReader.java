package org.moderation.bi.dashboard.alerts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.PartitionVersions;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ReadModelVersion;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.engine.Scope;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;

/**
 * Reads a round's rules through the metric engine, all in one snapshot: each rule's metric over its window (and the
 * earlier window of a change condition), and the rows counted, within the rule's communities. A rule is read again
 * only when its inputs could have changed: its version, metric or windows, or the version of the last change to its
 * communities' facts in the months its windows touch. Rules over one community that share a metric and windows are
 * read together, one question grouped by community (the engine computes each community's value, as it would for that
 * community alone), when they also filter alike. Counted in {@code bi_alerts_evaluations_total{outcome=computed|skipped}}.
 */
@ApplicationScoped
class RuleReader {

    private static final int ROWS = 1_000;
    /** Communities in one grouped question, so that its rows stay well within {@link #ROWS}. */
    private static final int COMMUNITIES_PER_QUESTION = 500;

    /** A rule to read this round: its metric and windows now, and how it was last evaluated (null: never). */
    record Planned(AlertRuleVersionView rule, Tracked previous, ResolvedMetric metric, AlertWindows windows) {

        /** What was read last time, if the rule, its metric and windows are the same now (null: it must be read). */
        Reading last() {
            return previous == null || previous.rule().version() != rule.version()
                    || !metric.equals(previous.metric()) || !windows.equals(previous.windows()) ? null
                    : previous.reading();
        }

        List<String> communities() {
            return rule.definition().communities();
        }

        List<Filter> filters() {
            return rule.definition().filters();
        }
    }

    /** A round's readings by rule key, the snapshot's version, and why the rules not read could not be. */
    record Round(ReadModelVersion version, Map<String, Reading> readings, Map<String, String> errors) {
    }

    private final ReadModel readModel;
    private final Counter computed;
    private final Counter skipped;

    RuleReader(ReadModel readModel, MeterRegistry registry) {
        this.readModel = readModel;
        this.computed = registry.counter("bi.alerts.evaluations", "outcome", "computed");
        this.skipped = registry.counter("bi.alerts.evaluations", "outcome", "skipped");
    }

    Round read(List<Planned> planned) throws SQLException {
        if (planned.isEmpty()) {
            return new Round(readModel.read(null, null, Snapshot::version), Map.of(), Map.of());
        }
        Instant from = planned.stream().map(p -> p.windows().span().from()).min(Instant::compareTo).orElseThrow();
        Instant to = planned.stream().map(p -> p.windows().span().to()).max(Instant::compareTo).orElseThrow();
        return readModel.read(from, to, snapshot -> {
            PartitionVersions partitions = snapshot.partitions(from, to);
            var readings = new HashMap<String, Reading>();
            var errors = new HashMap<String, String>();
            var dataVersions = new HashMap<String, Long>();
            var together = new LinkedHashMap<List<Object>, List<Planned>>();
            for (Planned rule : planned) {
                TimeWindow span = rule.windows().span();
                long dataVersion = partitions.of(span.from(), span.to(), rule.communities());
                Reading last = rule.last();
                if (last != null && last.dataVersion() == dataVersion) {
                    skipped.increment();
                    readings.put(rule.rule().key(), last.at(snapshot.version(), dataVersion));
                    continue;
                }
                computed.increment();
                dataVersions.put(rule.rule().key(), dataVersion);
                if (rule.communities().size() == 1 && rule.metric().definition().breakdown().isEmpty()) {
                    together.computeIfAbsent(List.of(rule.metric(), rule.windows(), rule.filters()),
                            k -> new ArrayList<>()).add(rule);
                } else {
                    alone(snapshot, rule, dataVersion, readings, errors);
                }
            }
            for (List<Planned> rules : together.values()) {
                for (int i = 0; i < rules.size(); i += COMMUNITIES_PER_QUESTION) {
                    together(snapshot, rules.subList(i, Math.min(rules.size(), i + COMMUNITIES_PER_QUESTION)),
                            dataVersions, readings, errors);
                }
            }
            return new Round(snapshot.version(), readings, errors);
        });
    }

    /**
     * Rules over one community each, sharing a metric and windows: one question grouped by community. A community
     * the grouped answer has no row for (nothing counted there) is asked alone, where the engine gives its total.
     */
    private void together(Snapshot snapshot, List<Planned> rules, Map<String, Long> dataVersions,
            Map<String, Reading> readings, Map<String, String> errors) throws SQLException {
        Planned first = rules.getFirst();
        ResolvedMetric metric = first.metric();
        ResolvedMetric rows = rows(metric);
        List<ResolvedMetric> metrics = rows == null ? List.of(metric) : List.of(metric, rows);
        Scope scope = new Scope(false, rules.stream().map(r -> r.communities().getFirst()).distinct().toList());
        List<List<Column>> byCommunity = List.of(List.of(Column.COMMUNITY));
        Answer now;
        Answer before;
        try {
            now = answer(snapshot, metrics, first.windows().current(), byCommunity, first.filters(), scope);
            before = first.windows().compared() == null ? null : answer(snapshot, List.of(metric),
                    first.windows().compared(), byCommunity, first.filters(), scope);
        } catch (RuntimeException e) {
            for (Planned rule : rules) {
                alone(snapshot, rule, dataVersions.get(rule.rule().key()), readings, errors);
            }
            return;
        }
        for (Planned rule : rules) {
            Map<Column, String> group = Map.of(Column.COMMUNITY, rule.communities().getFirst());
            Answer.Value value = now.result(metric).at(0, group);
            Answer.Value counted = rows == null ? value : now.result(rows).at(0, group);
            Answer.Value compared = before == null ? null : before.result(metric).at(0, group);
            if (value == null || counted == null || before != null && compared == null) {
                alone(snapshot, rule, dataVersions.get(rule.rule().key()), readings, errors);
            } else {
                readings.put(rule.rule().key(), reading(metric.definition(), value, compared, counted,
                        snapshot.version(), dataVersions.get(rule.rule().key())));
            }
        }
    }

    private void alone(Snapshot snapshot, Planned rule, long dataVersion, Map<String, Reading> readings,
            Map<String, String> errors) throws SQLException {
        try {
            Reading reading = compute(snapshot, rule.communities(), rule.filters(), rule.metric(), rule.windows());
            readings.put(rule.rule().key(), reading.at(reading.readModel(), dataVersion));
        } catch (RuntimeException e) {
            errors.put(rule.rule().key(), e.getMessage());
        }
    }

    /**
     * The metric over the windows within the communities (empty: all), of the submissions that have the filters'
     * values, read in {@code snapshot}.
     */
    Reading compute(Snapshot snapshot, List<String> communities, List<Filter> filters, ResolvedMetric metric,
            AlertWindows windows) throws SQLException {
        Scope scope = new Scope(communities.isEmpty(), communities);
        ResolvedMetric rows = rows(metric);
        List<ResolvedMetric> metrics = rows == null ? List.of(metric) : List.of(metric, rows);
        List<List<Column>> total = List.of(List.of());
        Answer now = answer(snapshot, metrics, windows.current(), total, filters, scope);
        Answer.Value value = now.result(metric).total();
        Answer.Value compared = windows.compared() == null ? null
                : answer(snapshot, List.of(metric), windows.compared(), total, filters, scope).result(metric).total();
        return reading(metric.definition(), value, compared, rows == null ? value : now.result(rows).total(),
                snapshot.version(), snapshot.dataVersion());
    }

    /** A reading from the engine's values: the rows counted are a ratio's denominator, a simple metric's count. */
    private static Reading reading(MetricDefinition definition, Answer.Value value, Answer.Value compared,
            Answer.Value counted, ReadModelVersion version, long dataVersion) {
        Double count = switch (definition.type()) {
            case "ratio" -> value == null || value.denominator() == null ? 0.0 : value.denominator();
            case "simple" -> counted == null || counted.value() == null ? 0.0 : counted.value();
            default -> null;
        };
        return new Reading(value == null ? null : value.value(), compared == null ? null : compared.value(), count,
                version, dataVersion);
    }

    private Answer answer(Snapshot snapshot, List<ResolvedMetric> metrics, TimeWindow window,
            List<List<Column>> groupings, List<Filter> filters, Scope scope) throws SQLException {
        return readModel.answer(snapshot, Question.grouped(metrics, window.from(), window.to(), groupings, filters,
                scope, ROWS));
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
