package org.moderation.bi.catalog.alert.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.catalog.readmodel.ReadModelVocabulary;
import org.moderation.bi.catalog.versioning.service.DefinitionRules;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleValidator;
import org.moderation.bi.shared.api.DidYouMean;
import org.moderation.bi.shared.dashboards.MetricVersions;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * An alert rule is valid by {@link AlertRuleValidator}, against the catalog's metrics as they are now and the
 * communities of the read model (the same check as a metric filter's community values), and watches a metric of one
 * value ({@link #breakdown}); a community manager is answered as they may see the catalog ({@link #seenBy}).
 */
@ApplicationScoped
public class AlertRuleRules implements DefinitionRules<AlertRuleDefinition> {

    private final MetricCatalogService metrics;
    private final ReadModelVocabulary vocabulary;

    AlertRuleRules(MetricCatalogService metrics, ReadModelVocabulary vocabulary) {
        this.metrics = metrics;
        this.vocabulary = vocabulary;
    }

    @Override
    public List<Problem> problems(AlertRuleDefinition definition, boolean publishing) {
        return validate(definition, metrics::versions, vocabulary.knownValues(), publishing);
    }

    /**
     * The rules as the caller of {@code scope} is answered by them. A community manager reads published metric versions
     * only: to them a draft, or a deprecated version, is one that does not exist, in the same words. And they learn
     * of no community beyond their own ({@link #ownCommunities}).
     */
    public DefinitionRules<AlertRuleDefinition> seenBy(RuleScope scope) {
        if (scope.everyCommunity()) {
            return this;
        }
        MetricVersions published = key -> metrics.versions(key).stream()
                .filter(v -> MetricVersionView.PUBLISHED.equals(v.status())).toList();
        return (definition, publishing) -> {
            // CLOSED knows no community: the validator takes every slug as written, and they are checked below.
            var problems = new ArrayList<>(validate(definition, published, KnownValues.CLOSED, publishing));
            if (definition != null) {
                problems.addAll(ownCommunities(definition.communities(), scope));
            }
            return problems;
        };
    }

    /** The validator's problems, and a metric with a breakdown among them where the metric's come. */
    private static List<Problem> validate(AlertRuleDefinition definition, MetricVersions versions, KnownValues known,
            boolean publishing) {
        var read = new HashMap<String, List<MetricVersionView>>();
        MetricVersions once = key -> read.computeIfAbsent(key, versions::of);
        var problems = new ArrayList<>(AlertRuleValidator.validate(definition, once, known, publishing));
        if (problems.stream().noneMatch(p -> p.path().startsWith("$.metric"))) {
            int at = (int) problems.stream().takeWhile(p -> List.of("$.key", "$.name", "$.summary").contains(p.path()))
                    .count();
            breakdown(definition, once).ifPresent(problem -> problems.add(at, problem));
        }
        return problems;
    }

    /**
     * A rule judges one value, and a metric with a breakdown answers one per value of it (removals_by_source: one per
     * takedown source), which a rule would read as no_data forever. Until a rule can name the value it watches, it may
     * not watch such a metric. Asked of the version it would read: the one pinned, else the latest published (or, for
     * a draft rule on a metric not published yet, its draft).
     */
    private static Optional<Problem> breakdown(AlertRuleDefinition definition, MetricVersions versions) {
        if (definition == null || definition.metric() == null || definition.metric().key() == null) {
            return Optional.empty();
        }
        var metric = definition.metric();
        List<MetricVersionView> found = versions.of(metric.key());
        Optional<MetricVersionView> watched = metric.version() != null
                ? found.stream().filter(v -> v.version() == metric.version()).findFirst()
                : found.stream().filter(v -> MetricVersionView.PUBLISHED.equals(v.status()))
                        .reduce((first, second) -> second).or(() -> found.stream().reduce((first, second) -> second));
        return watched.map(v -> v.definition().breakdown()).filter(breakdown -> !breakdown.isEmpty())
                .map(breakdown -> new Problem("$.metric", metric.key() + " answers one value per "
                        + String.join(" and ", breakdown) + "; alert rules cannot watch a metric with a breakdown yet: "
                        + "pick a metric of one value"));
    }

    /**
     * Each community a manager's rule names that is not one of theirs in the read model, as "unknown or not among
     * yours", a slip pointed out and the list given among their own only: the validator would name every community
     * of the read model ("it takes c-1, c-10, … and 30 more"), which is not theirs to learn.
     */
    private List<Problem> ownCommunities(List<String> communities, RuleScope scope) {
        if (communities.isEmpty() || communities.size() > MetricValidator.MAX_VALUES) {
            return List.of();
        }
        Collection<String> existing = vocabulary.knownValues().of(Column.COMMUNITY).orElseThrow();
        List<String> yours = scope.communities().stream().filter(existing::contains).sorted().toList();
        var problems = new ArrayList<Problem>();
        var seen = new HashSet<String>();
        for (int i = 0; i < communities.size(); i++) {
            String slug = communities.get(i);
            // Blank and repeated slugs are the validator's to name.
            if (slug != null && !slug.isBlank() && seen.add(slug) && !yours.contains(slug)) {
                String meant = DidYouMean.closest(slug, yours).map(m -> " (did you mean " + m + "?)").orElse("");
                problems.add(new Problem("$.communities[" + i + "]", "'" + slug + "' is unknown or not among your "
                        + "communities" + meant + "; yours: " + (yours.isEmpty() ? "none that exist"
                        : String.join(", ", yours))));
            }
        }
        return problems;
    }
}
