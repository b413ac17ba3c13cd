package org.moderation.bi.dashboard.metrics.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * Metric definitions from the catalog. Published and deprecated versions never change, so they are kept once
 * fetched; drafts are always fetched. The last answer about a metric's versions is kept too, so that while the
 * catalog is down, the versions already seen keep working; anything else is a 503.
 */
@ApplicationScoped
public class CatalogDefinitions {

    private static final Logger LOG = Logger.getLogger(CatalogDefinitions.class);

    private final MetricsCatalogClient catalog;
    private final Map<String, MetricSummaryView> lastSummaries = new ConcurrentHashMap<>();
    private final Map<String, MetricVersionView> frozenVersions = new ConcurrentHashMap<>();

    CatalogDefinitions(@RestClient MetricsCatalogClient catalog) {
        this.catalog = catalog;
    }

    /**
     * The version asked for, or the latest published one. Only a superadmin may name a draft or a deprecated
     * version; nobody gets one implicitly.
     */
    public MetricVersionView resolve(String key, Integer version, boolean superadmin, String authorization) {
        MetricSummaryView summary = call(() -> catalog.metric(authorization, key), () -> lastSummaries.get(key), key);
        lastSummaries.put(key, summary);
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
        MetricVersionView frozen = frozenVersions.get(key + "@" + number);
        if (frozen != null) {
            return withStatus(frozen, status);
        }
        MetricVersionView fetched = call(() -> catalog.version(authorization, key, number), () -> null, key);
        if (!MetricVersionView.DRAFT.equals(fetched.status())) {
            frozenVersions.put(key + "@" + number, fetched);
        }
        return fetched;
    }

    private static MetricVersionView withStatus(MetricVersionView v, String status) {
        return new MetricVersionView(v.key(), v.version(), status, v.definition(), v.definitionHash(), v.revision(),
                v.createdBy(), v.createdAt(), v.updatedBy(), v.updatedAt(), v.publishedBy(), v.publishedAt(),
                v.deprecatedBy(), v.deprecatedAt());
    }

    private static <T> T call(Supplier<T> request, Supplier<T> fallback, String key) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                throw new ApiException(404, "not_found", "no metric " + key + " in the catalog");
            }
            if (status == 401 || status == 403) {
                throw new ApiException(403, "forbidden", "the catalog does not show " + key + " to you");
            }
            return fallbackOr503(fallback, key, "answered " + status);
        } catch (ProcessingException e) {
            return fallbackOr503(fallback, key, "did not answer");
        }
    }

    private static <T> T fallbackOr503(Supplier<T> fallback, String key, String what) {
        T kept = fallback.get();
        if (kept == null) {
            throw new ApiException(503, "catalog_unavailable",
                    "the metrics catalog " + what + " and " + key + " was not seen before; try again later");
        }
        LOG.warnf("metrics catalog %s; using what was last seen of %s", what, key);
        return kept;
    }
}
