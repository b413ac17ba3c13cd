package org.moderation.bi.catalog.metric.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.catalog.metric.persistence.MetricChangeEntity;
import org.moderation.bi.catalog.metric.persistence.MetricEntity;
import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.catalog.metric.persistence.MetricVersionEntity;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricChangeView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricLookup;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * The catalog's rules: a metric starts as draft version 1; only a draft changes (under optimistic locking); a
 * published version is frozen and can only be deprecated; every change is recorded with its actor, in the same
 * transaction. Derived metrics may refer only to published metrics.
 */
@ApplicationScoped
public class MetricCatalogService {

    private final MetricRepository repository;

    MetricCatalogService(MetricRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public MetricVersionView create(MetricDefinition definition, Actor actor) {
        requireValid(definition);
        if (repository.metric(definition.key()).isPresent()) {
            throw ApiException.conflict("metric_exists", "metric " + definition.key() + " already exists; "
                    + "add a version to change it");
        }
        var metric = new MetricEntity();
        metric.key = definition.key();
        metric.createdBy = actor.subject();
        metric.createdAt = Instant.now();
        metric.persist();
        var version = newVersion(metric, 1, definition, actor);
        record(metric, version, "created", actor);
        return view(metric, version);
    }

    @Transactional
    public MetricVersionView updateDraft(String key, int number, MetricDefinition definition, long expectedRevision,
            Actor actor) {
        var metric = metric(key);
        var version = version(metric, number, true);
        if (!MetricVersionView.DRAFT.equals(version.status)) {
            throw ApiException.conflict("version_immutable",
                    "version " + number + " of " + key + " is " + version.status + " and never changes; add a new version");
        }
        if (version.revision != expectedRevision) {
            throw new ApiException(412, "stale_revision", "the draft changed since revision " + expectedRevision
                    + " (now " + version.revision + "); read it again", List.of());
        }
        if (!key.equals(definition == null ? null : definition.key())) {
            throw new ApiException(400, "invalid_definition", "the metric definition is invalid",
                    List.of("$.key: must be " + key + ", the metric being changed"));
        }
        requireValid(definition);
        version.definition = DefinitionHash.canonicalJson(definition);
        version.definitionHash = DefinitionHash.of(definition);
        version.updatedBy = actor.subject();
        version.updatedAt = Instant.now();
        record(metric, version, "updated", actor);
        repository.flush();
        return view(metric, version);
    }

    @Transactional
    public MetricVersionView addVersion(String key, Actor actor) {
        var metric = metric(key);
        var versions = repository.versions(metric);
        var latest = versions.getLast();
        if (versions.stream().anyMatch(v -> MetricVersionView.DRAFT.equals(v.status))) {
            throw ApiException.conflict("draft_exists", "version " + latest.version + " of " + key
                    + " is still a draft; change or publish it");
        }
        var version = newVersion(metric, latest.version + 1, DefinitionHash.parse(latest.definition), actor);
        record(metric, version, "versioned", actor);
        return view(metric, version);
    }

    @Transactional
    public MetricVersionView publish(String key, int number, Actor actor) {
        var metric = metric(key);
        var version = version(metric, number, true);
        if (!MetricVersionView.DRAFT.equals(version.status)) {
            throw ApiException.conflict("not_a_draft", "version " + number + " of " + key + " is " + version.status
                    + "; only a draft can be published");
        }
        // References may have been deprecated since the draft was written.
        requireValid(DefinitionHash.parse(version.definition));
        version.status = MetricVersionView.PUBLISHED;
        version.publishedBy = actor.subject();
        version.publishedAt = Instant.now();
        version.updatedBy = actor.subject();
        version.updatedAt = version.publishedAt;
        record(metric, version, "published", actor);
        repository.flush();
        return view(metric, version);
    }

    @Transactional
    public MetricVersionView deprecate(String key, int number, Actor actor) {
        var metric = metric(key);
        var version = version(metric, number, true);
        if (!MetricVersionView.PUBLISHED.equals(version.status)) {
            throw ApiException.conflict("not_published", "version " + number + " of " + key + " is "
                    + version.status + "; only a published version can be deprecated");
        }
        version.status = MetricVersionView.DEPRECATED;
        version.deprecatedBy = actor.subject();
        version.deprecatedAt = Instant.now();
        version.updatedBy = actor.subject();
        version.updatedAt = version.deprecatedAt;
        record(metric, version, "deprecated", actor);
        repository.flush();
        return view(metric, version);
    }

    @Transactional
    public List<MetricSummaryView> list(boolean includeUnpublished) {
        return repository.metrics().stream().map(m -> summary(m, includeUnpublished))
                .filter(s -> !s.versions().isEmpty()).toList();
    }

    @Transactional
    public MetricSummaryView summary(String key, boolean includeUnpublished) {
        var summary = summary(metric(key), includeUnpublished);
        if (summary.versions().isEmpty()) {
            throw ApiException.notFound("no metric " + key);
        }
        return summary;
    }

    @Transactional
    public MetricVersionView version(String key, int number, boolean includeUnpublished) {
        var metric = metric(key);
        return view(metric, version(metric, number, includeUnpublished));
    }

    @Transactional
    public List<MetricChangeView> changes(String key) {
        metric(key);
        return repository.changes(key).stream().map(c -> new MetricChangeView(c.key, c.version, c.action, c.actor,
                c.actorUsername, c.at, c.definitionHash)).toList();
    }

    /** Derived metrics are checked against the latest published version of each metric they refer to. */
    private void requireValid(MetricDefinition definition) {
        MetricLookup published = key -> latestPublished(key).map(v -> DefinitionHash.parse(v.definition));
        List<Problem> problems = MetricValidator.validate(definition, published);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid_definition", "the metric definition is invalid",
                    problems.stream().map(Problem::toString).toList());
        }
    }

    private Optional<MetricVersionEntity> latestPublished(String key) {
        return repository.metric(key).flatMap(m -> repository.versions(m).stream()
                .filter(v -> MetricVersionView.PUBLISHED.equals(v.status)).reduce((first, second) -> second));
    }

    private MetricEntity metric(String key) {
        return repository.metric(key).orElseThrow(() -> ApiException.notFound("no metric " + key));
    }

    private MetricVersionEntity version(MetricEntity metric, int number, boolean includeUnpublished) {
        return repository.version(metric, number)
                .filter(v -> includeUnpublished || MetricVersionView.PUBLISHED.equals(v.status))
                .orElseThrow(() -> ApiException.notFound("no version " + number + " of metric " + metric.key));
    }

    private MetricSummaryView summary(MetricEntity metric, boolean includeUnpublished) {
        var versions = repository.versions(metric).stream()
                .filter(v -> includeUnpublished || MetricVersionView.PUBLISHED.equals(v.status)).toList();
        Integer latestPublished = versions.stream().filter(v -> MetricVersionView.PUBLISHED.equals(v.status))
                .map(v -> v.version).reduce((first, second) -> second).orElse(null);
        String name = versions.isEmpty() ? null : DefinitionHash.parse(versions.getLast().definition).name();
        return new MetricSummaryView(metric.key, name, latestPublished,
                versions.stream().map(v -> new MetricSummaryView.VersionStatus(v.version, v.status)).toList());
    }

    private static MetricVersionEntity newVersion(MetricEntity metric, int number, MetricDefinition definition,
            Actor actor) {
        var version = new MetricVersionEntity();
        version.metric = metric;
        version.version = number;
        version.status = MetricVersionView.DRAFT;
        version.definition = DefinitionHash.canonicalJson(definition);
        version.definitionHash = DefinitionHash.of(definition);
        version.createdBy = actor.subject();
        version.createdAt = Instant.now();
        version.updatedBy = actor.subject();
        version.updatedAt = version.createdAt;
        version.persist();
        return version;
    }

    private static void record(MetricEntity metric, MetricVersionEntity version, String action, Actor actor) {
        var change = new MetricChangeEntity();
        change.key = metric.key;
        change.version = version.version;
        change.action = action;
        change.actor = actor.subject();
        change.actorUsername = actor.username();
        change.at = Instant.now();
        change.definitionHash = version.definitionHash;
        change.persist();
    }

    private static MetricVersionView view(MetricEntity metric, MetricVersionEntity v) {
        return new MetricVersionView(metric.key, v.version, v.status, DefinitionHash.parse(v.definition),
                v.definitionHash, v.revision, v.createdBy, v.createdAt, v.updatedBy, v.updatedAt, v.publishedBy,
                v.publishedAt, v.deprecatedBy, v.deprecatedAt);
    }
}
