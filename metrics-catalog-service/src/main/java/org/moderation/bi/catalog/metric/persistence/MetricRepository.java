package org.moderation.bi.catalog.metric.persistence;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Sort;

/** Queries of the catalog tables; every value is a bound parameter of a fixed HQL text. */
@ApplicationScoped
public class MetricRepository {

    public Optional<MetricEntity> metric(String key) {
        return MetricEntity.find("key", key).firstResultOptional();
    }

    public List<MetricEntity> metrics() {
        return MetricEntity.listAll(Sort.by("key"));
    }

    public List<MetricVersionEntity> versions(MetricEntity metric) {
        return MetricVersionEntity.list("metric", Sort.by("version"), metric);
    }

    public Optional<MetricVersionEntity> version(MetricEntity metric, int version) {
        return MetricVersionEntity.find("metric = ?1 and version = ?2", metric, version).firstResultOptional();
    }

    public List<MetricChangeEntity> changes(String key) {
        return MetricChangeEntity.list("key", Sort.by("at").and("id"), key);
    }

    /** Writes pending changes now, so that a new optimistic-lock revision can be reported. */
    public void flush() {
        MetricVersionEntity.flush();
    }

    /** Serializes catalog start-ups: two replicas seeding built-ins at once must not both insert them. */
    public void lockForSeeding() {
        MetricEntity.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('catalog.seed'))")
                .getSingleResult();
    }
}
