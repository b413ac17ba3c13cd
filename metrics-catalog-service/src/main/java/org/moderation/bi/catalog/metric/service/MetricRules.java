package org.moderation.bi.catalog.metric.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.catalog.versioning.service.DefinitionRules;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricLookup;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Problem;

/** A metric is valid by the language's validator; a derived one may refer only to published metrics. */
@ApplicationScoped
public class MetricRules implements DefinitionRules<MetricDefinition> {

    private final MetricRepository repository;

    MetricRules(MetricRepository repository) {
        this.repository = repository;
    }

    @Override
    public String noun() {
        return "metric";
    }

    @Override
    public Class<MetricDefinition> type() {
        return MetricDefinition.class;
    }

    @Override
    public String key(MetricDefinition definition) {
        return definition.key();
    }

    @Override
    public String name(MetricDefinition definition) {
        return definition.name();
    }

    /** Derived metrics are checked against the latest published version of each metric they refer to. */
    @Override
    public List<Problem> problems(MetricDefinition definition, boolean publishing) {
        MetricLookup published = key -> repository.latestPublished(key)
                .map(v -> DefinitionHash.parse(v.definition, MetricDefinition.class));
        return MetricValidator.validate(definition, published, KnownValues.CLOSED);
    }
}
