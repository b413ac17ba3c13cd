package org.moderation.bi.catalog.versioning.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.transaction.Transactional;

import org.moderation.bi.catalog.versioning.persistence.ChangeRow;
import org.moderation.bi.catalog.versioning.persistence.EntryRow;
import org.moderation.bi.catalog.versioning.persistence.VersionRow;
import org.moderation.bi.catalog.versioning.persistence.VersionedTables;
import org.moderation.bi.errors.CheckedBody;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.CatalogVersionView;
import org.moderation.bi.shared.catalog.SeededVersion;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * The catalog's lifecycle, the same for every kind it keeps: an entry starts as draft version 1; only a draft changes
 * (under optimistic locking); a published version is frozen and can only be deprecated; every change is recorded with
 * its actor, in the same transaction. Each kind says what a valid definition is ({@link DefinitionRules}) and gives
 * the constructors of its API's views ({@link Views}).
 *
 * @param <D> the definition
 * @param <VV> the view of one version, {@code SV} of an entry and its versions, {@code CV} of one change
 */
public abstract class VersionedCatalog<D, E extends EntryRow, V extends VersionRow<E>, C extends ChangeRow,
        VV extends CatalogVersionView, SV, CV> {

    private final VersionedTables<E, V, C> tables;
    private final Kind<D> kind;
    private final DefinitionRules<D> rules;
    private final Views<D, VV, SV, ?, CV> views;

    protected VersionedCatalog(VersionedTables<E, V, C> tables, Kind<D> kind, DefinitionRules<D> rules,
            Views<D, VV, SV, ?, CV> views) {
        this.tables = tables;
        this.kind = kind;
        this.rules = rules;
        this.views = views;
    }

    /** For the container's client proxy, which delegates every call to the instance made with the constructor above. */
    protected VersionedCatalog() {
        this(null, null, null, null);
    }

    @Transactional
    public VV create(CheckedBody<D> body, Actor actor) {
        return create(body, actor, rules);
    }

    /** As {@link #create(CheckedBody, Actor)}, checked by {@code rules}: for a kind whose rules depend on the caller. */
    protected VV create(CheckedBody<D> body, Actor actor, DefinitionRules<D> rules) {
        body.refuseIfAny(rules.problems(body.value(), false), "invalid_definition", invalid());
        D definition = body.value();
        String key = kind.key().apply(definition);
        if (tables.entry(key).isPresent()) {
            throw ApiException.conflict(kind.noun() + "_exists", kind.noun() + " " + key + " already exists; "
                    + "add a version to change it");
        }
        E entry = tables.newEntry();
        entry.key = key;
        entry.createdBy = actor.subject();
        entry.createdAt = Instant.now();
        entry.persist();
        V version = newVersion(entry, 1, definition, actor);
        record(version, "created", actor);
        return view(version);
    }

    @Transactional
    public VV updateDraft(String key, int number, CheckedBody<D> body, long expectedRevision, Actor actor) {
        return updateDraft(key, number, body, expectedRevision, actor, rules);
    }

    /** As {@link #updateDraft(String, int, CheckedBody, long, Actor)}, checked by {@code rules}. */
    protected VV updateDraft(String key, int number, CheckedBody<D> body, long expectedRevision, Actor actor,
            DefinitionRules<D> rules) {
        V version = version(entry(key), number, true);
        if (!MetricVersionView.DRAFT.equals(version.status)) {
            throw ApiException.conflict("version_immutable",
                    "version " + number + " of " + key + " is " + version.status + " and never changes; add a new version");
        }
        if (version.revision != expectedRevision) {
            throw new ApiException(412, "stale_revision", "the draft changed since revision " + expectedRevision
                    + " (now " + version.revision + "); read it again", List.of());
        }
        D definition = body.value();
        var problems = new ArrayList<>(rules.problems(definition, false));
        if (definition != null && !key.equals(kind.key().apply(definition))) {
            problems.add(new Problem("$.key", "must be " + key + ", the " + kind.noun() + " being changed"));
        }
        body.refuseIfAny(problems, "invalid_definition", invalid());
        version.definition = DefinitionHash.canonicalJson(definition);
        version.definitionHash = DefinitionHash.of(definition);
        version.updatedBy = actor.subject();
        version.updatedAt = Instant.now();
        record(version, "updated", actor);
        tables.flush();
        return view(version);
    }

    @Transactional
    public VV addVersion(String key, Actor actor) {
        E entry = entry(key);
        List<V> versions = tables.versions(entry);
        V latest = versions.getLast();
        if (versions.stream().anyMatch(v -> MetricVersionView.DRAFT.equals(v.status))) {
            throw ApiException.conflict("draft_exists", "version " + latest.version + " of " + key
                    + " is still a draft; change or publish it");
        }
        V version = newVersion(entry, latest.version + 1, definition(latest), actor);
        record(version, "versioned", actor);
        return view(version);
    }

    @Transactional
    public VV publish(String key, int number, Actor actor) {
        return publish(key, number, actor, rules);
    }

    /** As {@link #publish(String, int, Actor)}, checked by {@code rules}. */
    protected VV publish(String key, int number, Actor actor, DefinitionRules<D> rules) {
        V version = inStatus(key, number, MetricVersionView.DRAFT, "not_a_draft", "only a draft can be published");
        // What the draft refers to may have changed since it was written.
        D stored = definition(version);
        CheckedBody.of(stored).refuseIfAny(rules.problems(stored, true), "invalid_definition", invalid());
        return moved(version, MetricVersionView.PUBLISHED, "published", actor);
    }

    @Transactional
    public VV deprecate(String key, int number, Actor actor) {
        V version = inStatus(key, number, MetricVersionView.PUBLISHED, "not_published",
                "only a published version can be deprecated");
        return moved(version, MetricVersionView.DEPRECATED, "deprecated", actor);
    }

    @Transactional
    public List<SV> list(boolean includeUnpublished) {
        Map<String, List<V>> versions = tables.versionsByKey();
        return tables.entries().stream()
                .map(e -> summary(e.key, versions.getOrDefault(e.key, List.of()), includeUnpublished))
                .filter(Optional::isPresent).map(Optional::get).toList();
    }

    /** As {@link #list}, of the entries with these keys only, in their order: a page a kind has chosen. */
    protected List<SV> list(List<String> keys, boolean includeUnpublished) {
        Map<String, List<V>> versions = keys.isEmpty() ? Map.of() : tables.versionsByKey(keys);
        return keys.stream().map(key -> summary(key, versions.getOrDefault(key, List.of()), includeUnpublished))
                .filter(Optional::isPresent).map(Optional::get).toList();
    }

    @Transactional
    public SV summary(String key, boolean includeUnpublished) {
        E entry = entry(key);
        return summary(key, tables.versions(entry), includeUnpublished).orElseThrow(() -> missing(key));
    }

    @Transactional
    public VV version(String key, int number, boolean includeUnpublished) {
        E entry = entry(key);
        // An entry with nothing the caller may see is not there for them: not even that it has a version 1.
        if (!includeUnpublished && tables.versions(entry).stream()
                .noneMatch(v -> MetricVersionView.PUBLISHED.equals(v.status))) {
            throw missing(key);
        }
        return view(version(entry, number, includeUnpublished));
    }

    @Transactional
    public List<CV> changes(String key) {
        entry(key);
        return tables.changes(key).stream().map(c -> views.change().of(c.key, c.version, c.action, c.actor,
                c.actorUsername, c.at, c.definitionHash)).toList();
    }

    /** Every version of the entry with this key, whatever its status, oldest first; none when there is no such entry. */
    @Transactional
    public List<VV> versions(String key) {
        return tables.entry(key).map(entry -> tables.versions(entry).stream().map(this::view).toList())
                .orElse(List.of());
    }

    /**
     * Publishes each definition the catalog is built with at its version, where the catalog does not have it yet: a
     * key it has no entry for gets version 1; an entry whose versions end just before a built-in's next version gets
     * that version (removal_rate v2 after the v1 every catalog seeded), unless a draft is under way. An entry that has
     * a version of that number already keeps it (later versions are the admins' to make; one that differs from the
     * built-in is logged by the caller). A built-in the catalog's rules refuse (a name an admin gave another metric) is
     * left out and named, never a failed start. Replicas starting together take turns (an advisory lock), so none is
     * made twice.
     */
    @Transactional
    public Seeding publishBuiltIns(List<SeededVersion<D>> seeded) {
        tables.lockForSeeding();
        var published = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (SeededVersion<D> builtIn : seeded) {
            try {
                seed(builtIn).ifPresent(published::add);
            } catch (ApiException e) {
                refused.add(kind.key().apply(builtIn.definition()) + " v" + builtIn.version() + ": " + e.getMessage()
                        + " " + e.error().details());
            }
        }
        return new Seeding(List.copyOf(published), List.copyOf(refused));
    }

    /** The versions a start published ({@code key vN}), and those it could not, with why. */
    public record Seeding(List<String> published, List<String> refused) {
    }

    private Optional<String> seed(SeededVersion<D> builtIn) {
        D definition = builtIn.definition();
        String key = kind.key().apply(definition);
        Optional<E> entry = tables.entry(key);
        if (entry.isEmpty()) {
            if (builtIn.version() != 1) {
                return Optional.empty();
            }
            create(CheckedBody.of(definition), Actor.BUILT_IN);
            publish(key, 1, Actor.BUILT_IN);
            return Optional.of(key + " v1");
        }
        List<V> versions = tables.versions(entry.get());
        boolean drafting = versions.stream().anyMatch(v -> MetricVersionView.DRAFT.equals(v.status));
        if (versions.size() != builtIn.version() - 1 || drafting) {
            return Optional.empty();
        }
        CheckedBody.of(definition).refuseIfAny(rules.problems(definition, false), "invalid_definition", invalid());
        V version = newVersion(entry.get(), builtIn.version(), definition, Actor.BUILT_IN);
        record(version, "versioned", Actor.BUILT_IN);
        publish(key, builtIn.version(), Actor.BUILT_IN);
        return Optional.of(key + " v" + builtIn.version());
    }

    /**
     * The built-in versions this catalog holds with another definition (an admin made that version number first):
     * what a page that pins the built-in's number shows instead, which deserves a warning.
     */
    @Transactional
    public List<String> differingBuiltIns(List<SeededVersion<D>> seeded) {
        var differing = new ArrayList<String>();
        for (SeededVersion<D> builtIn : seeded) {
            String key = kind.key().apply(builtIn.definition());
            tables.entry(key).flatMap(entry -> tables.version(entry, builtIn.version()))
                    .filter(v -> !v.definitionHash.equals(DefinitionHash.of(builtIn.definition())))
                    .ifPresent(v -> differing.add(key + " v" + builtIn.version()));
        }
        return differing;
    }

    private String invalid() {
        return "the " + kind.noun() + " definition is invalid";
    }

    private D definition(V version) {
        return DefinitionHash.parse(version.definition, kind.type());
    }

    private V inStatus(String key, int number, String status, String code, String rule) {
        V version = version(entry(key), number, true);
        if (!status.equals(version.status)) {
            throw ApiException.conflict(code, "version " + number + " of " + key + " is " + version.status + "; " + rule);
        }
        return version;
    }

    /** Moves a version to its next status (published, then deprecated), and records who did it when. */
    private VV moved(V version, String status, String action, Actor actor) {
        Instant now = Instant.now();
        version.status = status;
        if (MetricVersionView.PUBLISHED.equals(status)) {
            version.publishedBy = actor.subject();
            version.publishedAt = now;
        } else {
            version.deprecatedBy = actor.subject();
            version.deprecatedAt = now;
        }
        version.updatedBy = actor.subject();
        version.updatedAt = now;
        record(version, action, actor);
        tables.flush();
        return view(version);
    }

    private E entry(String key) {
        return tables.entry(key).orElseThrow(() -> missing(key));
    }

    private ApiException missing(String key) {
        return ApiException.notFound("no " + kind.noun() + " " + key);
    }

    private V version(E entry, int number, boolean includeUnpublished) {
        return tables.version(entry, number)
                .filter(v -> includeUnpublished || MetricVersionView.PUBLISHED.equals(v.status))
                .orElseThrow(() -> ApiException.notFound("no version " + number + " of " + kind.noun() + " " + entry.key));
    }

    /** The entry as the caller may see it (its latest visible version's name, its visible versions), if they may. */
    private Optional<SV> summary(String key, List<V> all, boolean includeUnpublished) {
        List<V> versions = all.stream()
                .filter(v -> includeUnpublished || MetricVersionView.PUBLISHED.equals(v.status)).toList();
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        Integer latestPublished = versions.stream().filter(v -> MetricVersionView.PUBLISHED.equals(v.status))
                .map(v -> v.version).reduce((first, second) -> second).orElse(null);
        return Optional.of(summaryView(views, key, kind.name().apply(definition(versions.getLast())), latestPublished,
                versions));
    }

    private <ST> SV summaryView(Views<D, VV, SV, ST, CV> views, String key, String name, Integer latestPublished,
            List<V> versions) {
        return views.summary().of(key, name, latestPublished,
                versions.stream().map(v -> views.status().of(v.version, v.status)).toList());
    }

    private V newVersion(E entry, int number, D definition, Actor actor) {
        V version = tables.newVersion();
        version.entry = entry;
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

    private void record(V version, String action, Actor actor) {
        C change = tables.newChange();
        change.key = version.entry.key;
        change.version = version.version;
        change.action = action;
        change.actor = actor.subject();
        change.actorUsername = actor.username();
        change.at = Instant.now();
        change.definitionHash = version.definitionHash;
        change.persist();
    }

    /** A version as the API shows it, with what its rules warn of now (what was seen may have changed since). */
    private VV view(V v) {
        D definition = definition(v);
        return views.version().of(v.entry.key, v.version, v.status, definition, v.definitionHash, v.revision,
                v.createdBy, v.createdAt, v.updatedBy, v.updatedAt, v.publishedBy, v.publishedAt, v.deprecatedBy,
                v.deprecatedAt, rules.warnings(definition));
    }
}
