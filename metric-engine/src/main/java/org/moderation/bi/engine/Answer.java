package org.moderation.bi.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.MetricDefinition;

/**
 * The metrics of a question, computed in one snapshot of the read model, with the version that snapshot saw and, per
 * metric, where its numbers come from. With a grain, {@code buckets} lists every bucket of the window, in order.
 */
public record Answer(ReadModelVersion readModel, List<Bucket> buckets, List<Result> results) {

    /** A bucket of a series: its start, the part of it the window covers, and whether that is only part of it. */
    public record Bucket(Instant start, Instant coveredFrom, Instant coveredTo, boolean partial) {
    }

    /**
     * Where a metric's numbers come from: its identity and the wording of its rule (the definition's description),
     * and the relations they were summed from.
     */
    public record Provenance(String metric, int version, String status, String definitionHash, String rule,
            List<String> readFrom) {
    }

    /**
     * One value: the grouping set (an index into the question's groupings; a metric's breakdown adds its dimensions
     * to each), the bucket start (null without a grain), the group, and the value. A ratio also carries the summed
     * numerator and denominator it was divided from; {@code value} is null where the denominator is zero or a part
     * has no value.
     */
    public record Value(int grouping, Instant bucket, Map<Column, String> group, Double value, Double numerator,
            Double denominator) {
    }

    /**
     * A metric's values. Its values without a bucket are also indexed by grouping set and group: a page looks up
     * every group of every breakdown in each metric, at every request of a kept answer, and a scan per lookup made
     * that quadratic.
     */
    public static final class Result {

        private record At(int grouping, Map<Column, String> group) {
        }

        private final ResolvedMetric metric;
        private final Provenance provenance;
        private final Duration horizon;
        private final List<Value> values;
        private final List<Value> other;
        private final Map<At, Value> withoutBucket = new HashMap<>();

        /** @param horizon the metric's horizon ({@link ResolvedMetric#horizon}); null without one */
        public Result(ResolvedMetric metric, Provenance provenance, Duration horizon, List<Value> values) {
            this(metric, provenance, horizon, values, List.of());
        }

        /** @param other a top N's "other" values ({@link #other}) */
        public Result(ResolvedMetric metric, Provenance provenance, Duration horizon, List<Value> values,
                List<Value> other) {
            this.metric = metric;
            this.provenance = provenance;
            this.horizon = horizon;
            this.values = List.copyOf(values);
            this.other = List.copyOf(other);
            for (Value value : this.values) {
                if (value.bucket() == null) {
                    withoutBucket.putIfAbsent(new At(value.grouping(), value.group()), value);
                }
            }
        }

        public ResolvedMetric metric() {
            return metric;
        }

        public Provenance provenance() {
            return provenance;
        }

        public List<Value> values() {
            return values;
        }

        /**
         * With a top N, the value of the submissions outside it (those with a value of the dimension that is not among
         * the top groups; each once, however many such values it has), per bucket, without a group; empty where the
         * top N holds every group.
         */
        public List<Value> other() {
            return other;
        }

        /** The horizon its values are complete after; null when every value is complete as soon as its window ends. */
        public Duration horizon() {
            return horizon;
        }

        /** The maturity of its value over a window or bucket whose cohort ends at {@code cohortEnd} (null: none). */
        public Maturity maturity(Instant cohortEnd) {
            return Maturity.of(horizon, cohortEnd);
        }

        /** The value of this group (without grain), or null when the metric has none. */
        public Value at(int grouping, Map<Column, String> group) {
            return withoutBucket.get(new At(grouping, group));
        }

        /**
         * Each unbucketed group's share of the grouping set's whole, where its groups partition the whole: a count
         * grouped by dimensions of one value per submission (the group without a value is one of them), whose groups
         * add up to the whole. Empty otherwise (and for a whole of nothing): the groups of a many-valued dimension overlap, and a rate, a median or
         * a derived metric does not add up; a top N's groups leave out "other", so they are no share of the whole.
         */
        public Map<Map<Column, String>, Double> shares(int grouping) {
            MetricDefinition definition = metric.definition();
            boolean adds = "simple".equals(definition.type()) && "count".equals(definition.measure().aggregation())
                    && other.isEmpty();
            List<Value> groups = values.stream().filter(v -> v.bucket() == null && v.grouping() == grouping).toList();
            if (!adds || groups.stream().anyMatch(v -> v.value() == null
                    || v.group().keySet().stream().anyMatch(Column::manyValued))) {
                return Map.of();
            }
            double whole = groups.stream().mapToDouble(Value::value).sum();
            var shares = new LinkedHashMap<Map<Column, String>, Double>();
            if (whole > 0) {
                groups.forEach(v -> shares.put(v.group(), v.value() / whole));
            }
            return shares;
        }

        /** The total (the grouping set without dimensions, without grain). */
        public Value total() {
            return at(0, Map.of());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Result result && metric.equals(result.metric)
                    && provenance.equals(result.provenance) && Objects.equals(horizon, result.horizon)
                    && values.equals(result.values) && other.equals(result.other);
        }

        @Override
        public int hashCode() {
            return Objects.hash(metric, provenance, horizon, values, other);
        }

        @Override
        public String toString() {
            return "Result[metric=" + metric + ", provenance=" + provenance + ", horizon=" + horizon + ", values="
                    + values + ", other=" + other + "]";
        }
    }

    /** The result of this metric (two versions of one metric in one question are two results). */
    public Result result(ResolvedMetric metric) {
        return results.stream().filter(r -> r.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + metric.key() + " v" + metric.version()
                        + " in this answer"));
    }

    /** The result of the metric with this key, where the question has one version of it. */
    public Result result(String key) {
        return results.stream().filter(r -> r.metric().key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + key + " in this answer"));
    }

    /** How many values and buckets the answer holds: what it costs to keep, counted without measuring memory. */
    public int size() {
        return buckets.size() + results.stream().mapToInt(r -> r.values().size() + r.other().size()).sum();
    }
}
