package org.moderation.bi.catalog.alert.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.service.MetricCatalogService;
import org.moderation.bi.catalog.readmodel.ReadModelVocabulary;
import org.moderation.bi.catalog.versioning.service.DefinitionRules;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleValidator;
import org.moderation.bi.shared.dashboards.MetricVersions;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * An alert rule is valid by {@link AlertRuleValidator}, against the catalog's metrics as they are now and the
 * communities of the read model (the same check as a metric filter's community values); a community manager is
 * answered as they may see the catalog ({@link #seenBy}).
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
        return AlertRuleValidator.validate(definition, metrics::versions, vocabulary.knownValues(), publishing);
    }

    /**
     * The rules as the caller of {@code scope} is answered by them. A community manager reads published metric versions
     * only: to them a draft, or a deprecated version, is one that does not exist, in the same words.
     */
    public DefinitionRules<AlertRuleDefinition> seenBy(RuleScope scope) {
        if (scope.everyCommunity()) {
            return this;
        }
        MetricVersions published = key -> metrics.versions(key).stream()
                .filter(v -> MetricVersionView.PUBLISHED.equals(v.status())).toList();
        return (definition, publishing) -> AlertRuleValidator.validate(definition, published,
                vocabulary.knownValues(), publishing);
    }
}
