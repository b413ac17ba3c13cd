package org.moderation.bi.catalog.metric.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.catalog.readmodel.ReadModelVocabulary;
import org.moderation.bi.catalog.versioning.service.DefinitionRules;
import org.moderation.bi.shared.api.DidYouMean;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricLookup;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * A metric is valid by the language's validator; a derived one may refer only to published metrics; its name is no
 * other published metric's.
 */
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
        var problems = new ArrayList<>(MetricValidator.validate(definition, published(), vocabulary.knownValues()));
        if (definition != null && definition.name() != null && !definition.name().isBlank()) {
            nameInUse(definition).ifPresent(problems::add);
        }
        return problems;
    }

    /** Filter values of categories, hashtags, languages or classifier labels that no submission has had yet. */
    @Override
    public List<Problem> warnings(MetricDefinition definition) {
        return MetricValidator.check(definition, published(), KnownValues.NONE, vocabulary.seenValues()).warnings();
    }

    private MetricLookup published() {
        return key -> repository.latestPublished(key).map(v -> DefinitionHash.parse(v.definition,
                MetricDefinition.class));
    }

    /**
     * A page, a list or an alert names a metric by its name: two published metrics of one name ("Removal rate" twice,
     * one of them a count) could not be told apart. So a metric may not take the name, case and punctuation aside, of
     * another metric's latest published version; checked when it is written and again when it is published, under a
     * lock so that two admins cannot both take a name at once.
     */
    private Optional<Problem> nameInUse(MetricDefinition definition) {
        repository.lockNames();
        for (var entry : repository.versionsByKey().entrySet()) {
            if (entry.getKey().equals(definition.key())) {
                continue;
            }
            Optional<String> name = entry.getValue().stream().filter(v -> MetricVersionView.PUBLISHED.equals(v.status))
                    .reduce((first, second) -> second)
                    .map(v -> DefinitionHash.parse(v.definition, MetricDefinition.class).name());
            if (name.isPresent() && DidYouMean.sameWords(name.get(), definition.name())) {
                return Optional.of(new Problem("$.name", "'" + definition.name() + "' is the name of the published "
                        + "metric " + entry.getKey() + " (did you mean " + entry.getKey() + "? to change it, add a "
                        + "version: POST /api/v1/metrics/" + entry.getKey() + "/versions); a second metric needs a "
                        + "name of its own"));
            }
        }
        return Optional.empty();
    }
}
