package org.moderation.bi.catalog.metric.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.catalog.config.CatalogConfig;
import org.moderation.bi.catalog.metric.persistence.MetricRepository;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.MetricEngine;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.engine.Scope;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.engine.Snapshots;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.ScopeView;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricPreview;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.security.Roles;

/**
 * What a definition would count, asked of the metric engine over the read model (read-only, datasource
 * {@code readmodel}) — the engine bi-service computes dashboards with — before anyone relies on it: the last 30 UTC
 * days, day by day, and whether it ever counted anything at all. The latter is kept per definition and data version,
 * for the catalog's list to flag what never counted.
 */
@ApplicationScoped
public class MetricPreviewService {

    private static final Logger LOG = Logger.getLogger(MetricPreviewService.class);
    static final int DAYS = 30;
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-01-01T00:00:00Z");

    private final MetricRepository repository;
    private final Snapshots snapshots;
    private final MetricEngine engine = new MetricEngine(Clock.systemUTC());
    /** Per definition (hash and version): the data version it was last told at, and what it was. */
    private final Map<String, Known> neverCounted = new ConcurrentHashMap<>();

    private record Known(long dataVersion, boolean never) {
    }

    MetricPreviewService(MetricRepository repository, @DataSource("readmodel") AgroalDataSource readModel,
            CatalogConfig config) {
        this.repository = repository;
        this.snapshots = new Snapshots(readModel, config.readModel().previewTimeout());
    }

    /** A valid definition (checked by the caller), tried as a superadmin sees it: every community. */
    public MetricPreview preview(MetricDefinition definition, int version, String status) {
        ResolvedMetric metric = resolved(definition, version, status, 0);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant from = today.minusDays(DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        record Tried(Answer days, Answer total, Answer allTime) {
        }
        Tried tried = read(() -> snapshots.read(FIRST, LAST, snapshot -> new Tried(
                engine.evaluate(snapshot, new Question(List.of(metric), from, to, ZoneOffset.UTC, Grain.DAY, true,
                        List.of(List.of()), List.of(), Scope.everything(), 1_000)),
                engine.evaluate(snapshot, Question.grouped(List.of(metric), from, to, List.of(List.of()), List.of(),
                        Scope.everything(), 1_000)),
                allTime(snapshot, metric))));
        // A metric with a breakdown has no single total: its groups are the per-day values' groups.
        Answer.Value total = Optional.ofNullable(tried.total().result(metric).total())
                .orElse(new Answer.Value(0, null, Map.of(), null, null, null));
        var readFrom = new LinkedHashSet<>(tried.total().result(metric).provenance().readFrom());
        readFrom.addAll(tried.days().result(metric).provenance().readFrom());
        return new MetricPreview(definition.key(), from, to,
                new MetricPreview.Value(total.value(), total.numerator(), total.denominator()),
                tried.days().result(metric).values().stream()
                        .map(v -> new MetricPreview.Day(v.bucket(), v.value())).toList(),
                never(tried.allTime(), metric), List.copyOf(readFrom),
                tried.total().readModel() == null ? null : tried.total().readModel().version(),
                new ScopeView(Roles.SUPERADMIN, true, List.of()));
    }

    /** A published version of a metric. */
    public record Published(MetricDefinition definition, int version) {
    }

    /**
     * Whether each published version never counted anything, at the read model's current data, told in one snapshot
     * (a metric's answer is computed again only when the data changed); none is told (null) while the read model does
     * not answer: a list of metrics never waits for it.
     */
    public Map<Published, Boolean> neverCounted(Collection<Published> published) {
        var told = new HashMap<Published, Boolean>();
        if (published.isEmpty()) {
            return told;
        }
        try {
            snapshots.read(FIRST, LAST, snapshot -> {
                for (Published one : published) {
                    String key = DefinitionHash.of(one.definition()) + "@" + one.version();
                    Known known = neverCounted.get(key);
                    if (known == null || known.dataVersion() != snapshot.dataVersion()) {
                        try {
                            ResolvedMetric metric = resolved(one.definition(), one.version(), "published", 0);
                            known = new Known(snapshot.dataVersion(), never(allTime(snapshot, metric), metric));
                        } catch (RuntimeException e) {
                            // This metric alone (a reference without a published version, too many groups).
                            LOG.warnf("cannot tell whether metric %s counted anything: %s", one.definition().key(),
                                    e.getMessage());
                            continue;
                        }
                        neverCounted.put(key, known);
                    }
                    told.put(one, known.never());
                }
                return told;
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("cannot tell whether %d metrics counted anything: %s", published.size(), e.getMessage());
            told.clear();
        }
        return told;
    }

    private Answer allTime(Snapshot snapshot, ResolvedMetric metric) throws SQLException {
        return engine.evaluate(snapshot, Question.grouped(List.of(metric), FIRST, LAST, List.of(List.of()), List.of(),
                Scope.everything(), 1_000));
    }

    /** Every value null or zero: the total, or for a metric with a breakdown each of its groups. */
    private static boolean never(Answer allTime, ResolvedMetric metric) {
        return allTime.result(metric).values().stream().map(Answer.Value::value).allMatch(v -> v == null || v == 0);
    }

    /** The definition, with the latest published version of each metric a derived one refers to, followed down. */
    private ResolvedMetric resolved(MetricDefinition definition, int version, String status, int depth) {
        if (depth > MetricValidator.MAX_EXPRESSION_DEPTH) {
            throw new ApiException(400, "metric_too_deep", "derived metrics nest too deeply to compute");
        }
        var references = new LinkedHashMap<String, ResolvedMetric>();
        for (String key : new LinkedHashSet<>(definition.references())) {
            var published = repository.latestPublished(key).orElseThrow(() -> new ApiException(400,
                    "invalid_definition", "refers to " + key + ", which has no published version"));
            references.put(key, resolved(DefinitionHash.parse(published.definition, MetricDefinition.class),
                    published.version, "published", depth + 1));
        }
        return new ResolvedMetric(definition.key(), version, status, DefinitionHash.of(definition), definition,
                references);
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read() throws SQLException;
    }

    private static <T> T read(Reading<T> reading) {
        try {
            return reading.read();
        } catch (SQLException e) {
            LOG.warnf("a preview could not read the read model: %s", e.getMessage());
            throw new ApiException(503, "database_unavailable", "the read model did not answer; try again later");
        }
    }
}
