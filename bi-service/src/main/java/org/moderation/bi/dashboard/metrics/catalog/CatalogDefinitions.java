package org.moderation.bi.dashboard.metrics.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.alerts.AlertRuleSummaryView;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.CatalogMetricView;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * Metric definitions from the catalog. Published and deprecated versions never change, so they are kept once
 * fetched; drafts are always fetched. While the catalog is down, {@link CatalogCalls} answers with what it last
 * said, so the versions already seen keep working; anything else is a 503.
 */
@ApplicationScoped
public class CatalogDefinitions {

    static final int HELD = 20_000;

    private final CatalogCalls catalog;
    /** Which versions exist and which is the latest published, per role: kept briefly, not asked at every request. */
    private final Cache summaries;
    private final Map<String, MetricVersionView> frozenVersions = bounded();
    private final Map<String, DashboardVersionView> frozenDashboards = bounded();
    private final Map<String, AlertRuleVersionView> frozenAlertRules = bounded();

    CatalogDefinitions(CatalogCalls catalog, @CacheName("catalog-summaries") Cache summaries) {
        this.catalog = catalog;
        this.summaries = summaries;
    }

    /**
     * What is held of the catalog's, at most {@link #HELD} of a kind: past it the least recently used go (fetched again when asked,
     * or while the catalog is down a 503), so that no number of versions outgrows the heap.
     */
    static <K, V> Map<K, V> bounded() {
        return Caffeine.newBuilder().maximumSize(HELD).<K, V>build().asMap();
    }

    /** Since when the catalog has not answered: what is shown meanwhile is what it last said (or built in). */
    public Optional<Instant> catalogUnreachableSince() {
        return catalog.unreachableSince();
    }

    private record SummaryKey(String kind, String key, boolean superadmin) {
    }

    private <T> T summary(String kind, String key, boolean superadmin, Supplier<T> fetch) {
        return summaries.get(new SummaryKey(kind, key, superadmin), k -> fetch.get()).await().indefinitely();
    }

    /**
     * The version asked for, or the latest published one. Only a superadmin may name a draft or a deprecated
     * version; nobody gets one implicitly.
     */
    public MetricVersionView resolve(String key, Integer version, boolean superadmin, String authorization) {
        MetricSummaryView summary = summary("metric", key, superadmin,
                () -> catalog.metric(authorization, key, superadmin));
        int number;
        if (version == null) {
            if (summary.latestPublishedVersion() == null) {
                throw new ApiException(404, "not_found", "metric " + key + " has no published version");
            }
            number = summary.latestPublishedVersion();
        } else {
            number = version;
        }
        String status = summary.versions().stream().filter(v -> v.version() == number)
                .map(MetricSummaryView.VersionStatus::status).findFirst()
                .orElseThrow(() -> new ApiException(404, "not_found", "no version " + number + " of metric " + key));
        if (!MetricVersionView.PUBLISHED.equals(status) && !superadmin) {
            throw new ApiException(403, "version_not_published",
                    "version " + number + " of " + key + " is " + status + "; only a superadmin may compute it");
        }
        return withStatus(version(authorization, key, number), status);
    }

    /**
     * The version asked for (or the latest published one) as the metric engine computes it: with the latest published
     * versions of the metrics a derived one refers to, followed down.
     */
    public ResolvedMetric resolved(String key, Integer version, boolean superadmin, String authorization) {
        return resolved(resolve(key, version, superadmin, authorization), superadmin, authorization, new HashMap<>(),
                0);
    }

    private ResolvedMetric resolved(MetricVersionView version, boolean superadmin, String authorization,
            Map<String, ResolvedMetric> seen, int depth) {
        if (depth > MetricValidator.MAX_EXPRESSION_DEPTH) {
            throw new ApiException(400, "metric_too_deep", "derived metrics nest too deeply to compute");
        }
        var references = new LinkedHashMap<String, ResolvedMetric>();
        for (String reference : new LinkedHashSet<>(version.definition().references())) {
            ResolvedMetric referenced = seen.get(reference);
            if (referenced == null) {
                referenced = resolved(resolve(reference, null, superadmin, authorization), superadmin, authorization,
                        seen, depth + 1);
                seen.put(reference, referenced);
            }
            references.put(reference, referenced);
        }
        return new ResolvedMetric(version.key(), version.version(), version.status(), version.definitionHash(),
                version.definition(), references);
    }

    /** The latest published version of a dashboard definition. */
    public DashboardVersionView dashboard(String key, boolean superadmin, String authorization) {
        DashboardSummaryView summary = summary("dashboard", key, superadmin,
                () -> catalog.dashboard(authorization, key, superadmin));
        if (summary.latestPublishedVersion() == null) {
            throw new ApiException(404, "not_found", "dashboard " + key + " has no published version");
        }
        int number = summary.latestPublishedVersion();
        DashboardVersionView frozen = frozenDashboards.get(key + "@" + number);
        if (frozen != null) {
            return frozen;
        }
        DashboardVersionView fetched = catalog.dashboardVersion(authorization, key, number);
        frozenDashboards.put(key + "@" + number, fetched);
        return fetched;
    }

    /**
     * The latest published version of every alert rule the credential may see (rules without one are left out).
     * While the catalog is down: the rules it last listed, at the versions already read.
     */
    public List<AlertRuleVersionView> publishedAlertRules(String authorization) {
        var rules = new ArrayList<AlertRuleVersionView>();
        for (AlertRuleSummaryView summary : catalog.alertRules(authorization)) {
            Integer number = summary.latestPublishedVersion();
            if (number == null) {
                continue;
            }
            String key = summary.key() + "@" + number;
            AlertRuleVersionView version = frozenAlertRules.get(key);
            if (version == null) {
                version = catalog.alertRuleVersion(authorization, summary.key(), number);
                frozenAlertRules.put(key, version);
            }
            rules.add(version);
        }
        return rules;
    }

    /**
     * The metrics the caller may compute, each at its latest published version (or, where every published version
     * was retired, its latest deprecated one, marked so): what the dashboard's Metrics panel offers.
     */
    public List<CatalogMetricView> published(boolean superadmin, String authorization) {
        var metrics = new ArrayList<CatalogMetricView>();
        for (MetricSummaryView summary : catalog.metrics(authorization, superadmin)) {
            Integer number = summary.latestPublishedVersion();
            String status = MetricVersionView.PUBLISHED;
            if (number == null) {
                var retired = summary.versions().stream()
                        .filter(v -> MetricVersionView.DEPRECATED.equals(v.status()))
                        .mapToInt(MetricSummaryView.VersionStatus::version).max();
                if (retired.isEmpty()) {
                    continue;
                }
                number = retired.getAsInt();
                status = MetricVersionView.DEPRECATED;
            }
            MetricVersionView version = version(authorization, summary.key(), number);
            MetricDefinition definition = version.definition();
            metrics.add(new CatalogMetricView(summary.key(), definition.name(), definition.description(),
                    definition.type(), definition.unit(), definition.grains(), number, status,
                    version.definitionHash(),
                    MetricVersionView.PUBLISHED.equals(status) ? summary.neverCounted() : null, definition.horizon()));
        }
        return metrics;
    }

    private MetricVersionView version(String authorization, String key, int number) {
        MetricVersionView frozen = frozenVersions.get(key + "@" + number);
        if (frozen != null) {
            return frozen;
        }
        MetricVersionView fetched = catalog.version(authorization, key, number);
        if (!MetricVersionView.DRAFT.equals(fetched.status())) {
            frozenVersions.put(key + "@" + number, fetched);
        }
        return fetched;
    }

    private static MetricVersionView withStatus(MetricVersionView v, String status) {
        return new MetricVersionView(v.key(), v.version(), status, v.definition(), v.definitionHash(), v.revision(),
                v.createdBy(), v.createdAt(), v.updatedBy(), v.updatedAt(), v.publishedBy(), v.publishedAt(),
                v.deprecatedBy(), v.deprecatedAt(), v.warnings());
    }
}
