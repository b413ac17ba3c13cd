package org.moderation.bi.catalog.metric.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.catalog.readmodel.ReadModelVocabulary;
import org.moderation.bi.catalog.versioning.service.DefinitionRules;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricLookup;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Problem;

/** A metric is valid by the language's validator; a derived one may refer only to published metrics. */
@ApplicationScoped
public class MetricRules implements DefinitionRules<MetricDefinition> {

    private final MetricRepository repository;
    private final ReadModelVocabulary vocabulary;

    MetricRules(MetricRepository repository, ReadModelVocabulary vocabulary) {
        this.repository = repository;
        this.vocabulary = vocabulary;
    }

    /**
     * Derived metrics are checked against the latest published version of each metric they refer to; filter values
     * against the values their columns can hold, communities as the read model has them.
     */
    @Override
    public List<Problem> problems(MetricDefinition definition, boolean publishing) {
        MetricLookup published = key -> repository.latestPublished(key)
                .map(v -> DefinitionHash.parse(v.definition, MetricDefinition.class));
        return MetricValidator.validate(definition, published, vocabulary.knownValues());
    }
}
