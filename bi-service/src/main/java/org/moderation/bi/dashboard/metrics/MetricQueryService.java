package org.moderation.bi.dashboard.metrics;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.metrics.catalog.CatalogDefinitions;
import org.moderation.bi.dashboard.readmodel.Comparison;
import org.moderation.bi.dashboard.readmodel.KeptAnswers;
import org.moderation.bi.dashboard.readmodel.Maturities;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.scope.Communities;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Buckets;
import org.moderation.bi.engine.Change;
import org.moderation.bi.engine.Compared;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricQueryRequest;
import org.moderation.bi.shared.metrics.MetricQueryResult;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Problem;
import org.moderation.bi.shared.metrics.TimeValues;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.security.Roles;

/**
 * Computes a catalog metric: checks the query against the definition, resolves the versions of the metrics a derived
 * one refers to, and has the metric engine evaluate it in one snapshot of the read model.
 */
@ApplicationScoped
public class MetricQueryService {

    static final int MAX_GROUP_BY = 4;
    static final int MAX_TOP = 100;
    static final Duration MAX_WINDOW = Duration.ofDays(3661);

    private final CatalogDefinitions definitions;
    private final ReadModel readModel;
    private final KeptAnswers kept;
    private final Communities communities;
    private final BiConfig config;
    private final Clock clock;

    MetricQueryService(CatalogDefinitions definitions, ReadModel readModel, KeptAnswers kept, Communities communities,
            BiConfig config, Clock clock) {
        this.clock = clock;
        this.definitions = definitions;
        this.readModel = readModel;
        this.communities = communities;
        this.config = config;
        this.kept = kept;
    }

    /** The communities a query's own filters name (eq / in on community), so the scope can check them first. */
    public static List<String> namedCommunities(MetricQueryRequest request) {
        var named = new ArrayList<String>();
        for (Filter filter : request.filters()) {
            if (filter != null && "community".equals(filter.column())) {
                if ("eq".equals(filter.op()) && filter.value() instanceof String slug) {
                    named.add(slug);
                } else if ("in".equals(filter.op()) && filter.values() != null) {
                    filter.values().stream().filter(String.class::isInstance).map(String.class::cast).forEach(named::add);
                }
            }
        }
        return named;
    }

    public MetricQueryResult query(String key, MetricQueryRequest request, CommunityScope scope, boolean superadmin,
            String authorization) throws SQLException {
        if (!MetricValidator.KEY.matcher(key).matches()) {
            throw new ApiException(400, "invalid_query", "not a metric key: lower-case letters, digits and _");
        }
        if (request == null) {
            throw invalid(List.of(new Problem("$", "a query body is required")));
        }
        if (request.version() != null && request.version() < 1) {
            throw invalid(List.of(new Problem("$.version", "must be 1 or more")));
        }
        ResolvedMetric metric = definitions.resolved(key, request.version(), superadmin, authorization);
        Question question = question(metric, request, scope, known(scope));
        Comparison comparison = comparison(request).orElseThrow();
        TimeWindow before = comparison.window(new TimeWindow(question.from(), question.to()), question.zone());
        // Both windows in one snapshot: the change between them is never one of data that moved meanwhile.
        KeptAnswers.Kept<Computed> computed = kept.answer(before == null ? question.from() : before.from(),
                question.to(), List.of(question, comparison), snapshot -> {
                    Answer now = readModel.answer(snapshot, question);
                    return new Computed(now, before == null ? null
                            : readModel.compare(snapshot, question, now, before.from(), before.to()));
                }, Computed::size);
        Answer.Result result = computed.answer().now().results().getFirst();
        Compared compared = computed.answer().compared();
        // As asked, the metric's breakdown first (the engine adds it to every group).
        var grouping = new ArrayList<Column>();
        metric.definition().breakdown().forEach(d -> grouping.add(Column.named(d).orElseThrow()));
        question.groupings().getFirst().stream().filter(d -> !grouping.contains(d)).forEach(grouping::add);
        Instant now = clock.instant();
        Map<Instant, Instant> bucketEnds = new java.util.HashMap<>();
        if (question.grain() != null) {
            Buckets.of(question.from(), question.to(), question.grain(), question.zone(), now)
                    .forEach(b -> bucketEnds.put(b.start(), b.coveredTo()));
        }
        // Each row with its value over the window compared with, unless it has none or is too young to compare.
        var rows = result.values().stream().filter(v -> v.grouping() == 0)
                .map(v -> row(result, v, grouping, question, bucketEnds, compared, now)).toList();
        var total = result.values().stream().filter(v -> v.grouping() == 1)
                .map(v -> row(result, v, grouping, question, bucketEnds, compared, now)).toList();
        var other = result.other().stream().map(v -> row(result, v, grouping, question, bucketEnds, null, now))
                .toList();
        List<String> overlapping = question.groupings().getFirst().stream().filter(Column::manyValued)
                .map(Column::jsonName).toList();
        Answer.Provenance from = result.provenance();
        var provenance = new MetricQueryResult.Provenance(from.metric(), from.version(), from.status(),
                from.definitionHash(), from.rule(), from.readFrom(),
                computed.version() == null ? null : computed.version().version(),
                computed.version() == null ? null : computed.version().changedAt(), scope.view(), question.from(),
                question.to());
        return new MetricQueryResult(provenance, metric.definition().unit(), question.grain() == null ? null
                : Vocabulary.jsonName(question.grain()), grouping.stream().map(Column::jsonName).toList(), rows, total,
                other, overlapping.isEmpty() ? null : "a submission counts once in the group of each of its "
                        + String.join(" and ", overlapping) + " values (and in none without any): the groups add up to "
                        + "more than the total, which counts it once", MetricValidator.checkFilters(request.filters(),
                "$.filters", KnownValues.NONE, readModel.seenValues()).warnings(), before == null ? null
                        : new MetricQueryResult.Compared(comparison.code(), before.from(), before.to()));
    }

    /** An answer and, with a comparison, what its values are compared with. */
    private record Computed(Answer now, Compared compared) {

        int size() {
            return now.size() + (compared == null ? 0 : compared.size());
        }
    }

    /** A value as a row: with its maturity and, where it is complete, how it compares with before (if compared). */
    private static MetricQueryResult.Row row(Answer.Result result, Answer.Value v, List<Column> grouping,
            Question question, Map<Instant, Instant> bucketEnds, Compared compared, Instant now) {
        MaturityView maturity = Maturities.of(result, v.bucket() == null ? question.to()
                : bucketEnds.getOrDefault(v.bucket(), question.to()), now);
        boolean ripe = maturity == null || maturity.mature();
        Change change = compared == null || !ripe ? new Change(null, null, null) : compared.of(result.metric(), v);
        return new MetricQueryResult.Row(v.bucket(), group(grouping, v.group()), v.value(), v.numerator(),
                v.denominator(), maturity, change.before(), change.absolute(), change.relative());
    }

    /** The comparison a query asks for (none by default); empty for a word that names none. */
    private static Optional<Comparison> comparison(MetricQueryRequest request) {
        return request.compare() == null ? Optional.of(Comparison.NONE) : Comparison.named(request.compare());
    }

    private Question question(ResolvedMetric metric, MetricQueryRequest request, CommunityScope scope,
            KnownValues known) {
        MetricDefinition definition = metric.definition();
        var problems = new ArrayList<Problem>();
        Instant from = TimeValues.parse(request.from()).orElse(null);
        Instant to = TimeValues.parse(request.to()).orElse(null);
        if (from == null) {
            problems.add(new Problem("$.from", "must be an ISO-8601 date or instant"));
        }
        if (to == null) {
            problems.add(new Problem("$.to", "must be an ISO-8601 date or instant"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new Problem("$.to", "must be after from"));
        } else if (from != null && to != null && Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            problems.add(new Problem("$.to", "the window may span at most ten years"));
        }
        Grain grain = null;
        if (request.granularity() != null) {
            grain = Vocabulary.parse(Grain.class, request.granularity()).orElse(null);
            if (grain == null || !definition.grains().contains(request.granularity())) {
                problems.add(new Problem("$.granularity", "must be one of the metric's grains: " + definition.grains()));
            }
        }
        var groupBy = new LinkedHashSet<String>();
        if (request.groupBy().size() > MAX_GROUP_BY) {
            problems.add(new Problem("$.groupBy", "at most " + MAX_GROUP_BY + " dimensions"));
        } else {
            for (int i = 0; i < request.groupBy().size(); i++) {
                String dimension = request.groupBy().get(i);
                if (!definition.dimensions().contains(dimension)) {
                    problems.add(new Problem("$.groupBy[" + i + "]", "must be one of the metric's dimensions: "
                            + definition.dimensions()));
                } else if (!groupBy.add(dimension) && !definition.breakdown().contains(dimension)) {
                    problems.add(new Problem("$.groupBy[" + i + "]", "is listed twice"));
                }
            }
        }
        problems.addAll(MetricValidator.validateFilters(request.filters(), "$.filters", known));
        Optional<Comparison> comparison = comparison(request);
        if (comparison.isEmpty()) {
            problems.add(new Problem("$.compare", "must be previous (the same length just before), year (a year "
                    + "earlier) or none"));
        } else if (comparison.get() != Comparison.NONE && request.granularity() != null) {
            problems.add(new Problem("$.compare", "compares the window's totals and groups, not its buckets: leave "
                    + "granularity out"));
        }
        // The breakdown is the engine's to add (it may count it value by value); the rest are the question's groups.
        List<Column> grouping = groupBy.stream().filter(d -> !definition.breakdown().contains(d))
                .map(name -> Column.named(name).orElseThrow()).toList();
        if (request.top() != null) {
            if (request.top() < 1 || request.top() > MAX_TOP) {
                problems.add(new Problem("$.top", "must be 1 to " + MAX_TOP));
            } else if (grouping.size() != 1) {
                problems.add(new Problem("$.top", "a top N is of one dimension: groupBy names "
                        + (grouping.isEmpty() ? "none" : grouping.size()) + " besides the metric's breakdown"));
            } else if ("derived".equals(definition.type())) {
                problems.add(new Problem("$.top", "a top N ranks groups by a simple metric's count or a ratio's "
                        + "denominator; " + definition.key() + " is derived"));
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        List<List<Column>> groupings = grouping.isEmpty() ? List.of(grouping) : List.of(grouping, List.of());
        return new Question(List.of(metric), from, to, ZoneOffset.UTC, grain, false, groupings, request.filters(),
                scope.engineScope(), config.metricRowCap(), request.top(), null);
    }

    /**
     * The values a query's filters may name: the closed vocabularies, and the communities the caller may see (a
     * manager's refusal never lists another community's slug).
     */
    private KnownValues known(CommunityScope scope) {
        return KnownValues.closedAnd(() -> {
            if (!Roles.SUPERADMIN.equals(scope.role())) {
                return scope.communities();
            }
            try {
                return communities.slugs();
            } catch (SQLException e) {
                throw new ApiException(503, "database_unavailable", "the read model did not answer; try again later");
            }
        });
    }

    private static Map<String, String> group(List<Column> asked, Map<Column, String> values) {
        if (asked.size() == 1) {
            // A row per value of one dimension is the common answer, thousands of rows long: the smallest map.
            return Collections.singletonMap(asked.getFirst().jsonName(), values.get(asked.getFirst()));
        }
        var group = LinkedHashMap.<String, String>newLinkedHashMap(asked.size());
        asked.forEach(column -> group.put(column.jsonName(), values.get(column)));
        return group;
    }

    private static ApiException invalid(List<Problem> problems) {
        return new ApiException(400, "invalid_query", "the metric query is invalid",
                problems.stream().map(Problem::toString).toList());
    }
}
