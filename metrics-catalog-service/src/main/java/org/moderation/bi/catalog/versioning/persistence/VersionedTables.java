package org.moderation.bi.catalog.versioning.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.Panache;

import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The three tables of one kind of entry (entries, their versions, their changes), queried alike for every kind. Every
 * value is a bound parameter of a fixed HQL text; the entity names come from the classes, never from a request.
 */
public abstract class VersionedTables<E extends EntryRow, V extends VersionRow<E>, C extends ChangeRow> {

    private final Class<E> entries;
    private final Class<V> versions;
    private final Class<C> changes;
    private final Supplier<E> newEntry;
    private final Supplier<V> newVersion;
    private final Supplier<C> newChange;

    protected VersionedTables(Class<E> entries, Supplier<E> newEntry, Class<V> versions, Supplier<V> newVersion,
            Class<C> changes, Supplier<C> newChange) {
        this.entries = entries;
        this.versions = versions;
        this.changes = changes;
        this.newEntry = newEntry;
        this.newVersion = newVersion;
        this.newChange = newChange;
    }

    public Optional<E> entry(String key) {
        return em().createQuery("from " + entries.getSimpleName() + " where key = ?1", entries).setParameter(1, key)
                .getResultStream().findFirst();
    }

    public List<E> entries() {
        return em().createQuery("from " + entries.getSimpleName() + " order by key", entries).getResultList();
    }

    public List<V> versions(E entry) {
        return em().createQuery("from " + versions.getSimpleName() + " where entry = ?1 order by version", versions)
                .setParameter(1, entry).getResultList();
    }

    /** Every version of every entry by the entry's key, oldest first: what a list needs, in one query. */
    public Map<String, List<V>> versionsByKey() {
        var byKey = new HashMap<String, List<V>>();
        for (V version : em().createQuery("select v from " + versions.getSimpleName()
                + " v join fetch v.entry order by v.version", versions).getResultList()) {
            byKey.computeIfAbsent(version.entry.key, k -> new ArrayList<>()).add(version);
        }
        return byKey;
    }

    /** As {@link #versionsByKey()}, of the entries with these keys only: what a page of a list needs. */
    public Map<String, List<V>> versionsByKey(Collection<String> keys) {
        var byKey = new HashMap<String, List<V>>();
        for (V version : em().createQuery("select v from " + versions.getSimpleName()
                + " v join fetch v.entry where v.entry.key in ?1 order by v.version", versions)
                .setParameter(1, keys).getResultList()) {
            byKey.computeIfAbsent(version.entry.key, k -> new ArrayList<>()).add(version);
        }
        return byKey;
    }

    public Optional<V> version(E entry, int version) {
        return em().createQuery("from " + versions.getSimpleName() + " where entry = ?1 and version = ?2", versions)
                .setParameter(1, entry).setParameter(2, version).getResultStream().findFirst();
    }

    /** The latest published version of the entry with this key, if it has one. */
    public Optional<V> latestPublished(String key) {
        return entry(key).flatMap(entry -> versions(entry).stream()
                .filter(v -> MetricVersionView.PUBLISHED.equals(v.status)).reduce((first, second) -> second));
    }

    public List<C> changes(String key) {
        return em().createQuery("from " + changes.getSimpleName() + " where key = ?1 order by at, id", changes)
                .setParameter(1, key).getResultList();
    }

    public E newEntry() {
        return newEntry.get();
    }

    public V newVersion() {
        return newVersion.get();
    }

    public C newChange() {
        return newChange.get();
    }

    /** Writes pending changes now, so that a new optimistic-lock revision can be reported. */
    public void flush() {
        em().flush();
    }

    /** Serializes catalog start-ups: two replicas seeding built-ins at once must not both insert them. */
    public void lockForSeeding() {
        em().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('catalog.seed'))").getSingleResult();
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
