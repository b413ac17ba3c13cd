package org.moderation.bi.dashboard.metrics.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.shared.alerts.AlertRuleSummaryView;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.dashboards.DashboardSummaryView;
import org.moderation.bi.shared.dashboards.DashboardVersionView;
import org.moderation.bi.shared.metrics.MetricSummaryView;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The calls to the metrics catalog, with the caller's token, guarded by SmallRye Fault Tolerance: a time limit, a
 * retry, a circuit breaker that stops calling a catalog that keeps failing, and a fallback to what the catalog last
 * said (the metric list, a metric's versions), so that what was seen keeps working while it is down. A refusal of the
 * catalog's (404, 401, 403) is an answer, not a failure: it is neither retried, nor counted, nor replaced.
 * The guards are the class's (each method has its own circuit breaker); MicroProfile configuration overrides them,
 * e.g. {@code org.moderation.bi.dashboard.metrics.catalog.CatalogCalls/Timeout/value=3000}.
 */
@ApplicationScoped
@Timeout(value = 1500, unit = ChronoUnit.MILLIS)
@Retry(maxRetries = 1, delay = 50, abortOn = CatalogCalls.Refused.class)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
        skipOn = CatalogCalls.Refused.class)
public class CatalogCalls {

    private static final Logger LOG = Logger.getLogger(CatalogCalls.class);
    private static final GenericType<List<AlertRuleSummaryView>> RULES = new GenericType<>() { };

    /** A refusal the catalog answered with: passed on, never retried or replaced. */
    public static final class Refused extends ApiException {

        /** The catalog's Retry-After in seconds, 0 where it gave none. */
        private final long retryAfterSeconds;

        Refused(int status, String code, String message, long retryAfterSeconds) {
            super(status, code, message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        Refused(int status, String code, String message) {
            this(status, code, message, 0);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final MetricsCatalogClient catalog;
    private final DashboardsCatalogClient dashboards;
    private final AlertRulesCatalogClient alertRules;
    /** What the catalog last said, per role: it shows a superadmin drafts and deprecated versions, a manager not. */
    private final Map<RoleAndKey, MetricSummaryView> lastSummaries = CatalogDefinitions.bounded();
    /** Likewise per role. */
    private final Map<Boolean, List<MetricSummaryView>> lastLists = new ConcurrentHashMap<>();
    /** Likewise per role. */
    private final Map<RoleAndKey, DashboardSummaryView> lastDashboards = CatalogDefinitions.bounded();
    private final int pageSize;
    /** The alert rules the evaluator last read whole (it alone reads them, with one credential). */
    private volatile List<AlertRuleSummaryView> lastAlertRules;
    /** When a call first found the catalog out of reach, since its last answer (null: it answered last). */
    private final AtomicReference<Instant> unreachableSince = new AtomicReference<>();

    CatalogCalls(@RestClient MetricsCatalogClient catalog, @RestClient DashboardsCatalogClient dashboards,
            @RestClient AlertRulesCatalogClient alertRules, BiConfig config) {
        this.catalog = catalog;
        this.dashboards = dashboards;
        this.alertRules = alertRules;
        this.pageSize = config.alerts().catalogPageSize();
    }

    /**
     * Every rule, page by page; the list counts only once it is whole (a page that fails: what was last read whole,
     * never a part).
     */
    @Fallback(fallbackMethod = "lastAlertRules", skipOn = Refused.class)
    public List<AlertRuleSummaryView> alertRules(String authorization) {
        var rules = new ArrayList<AlertRuleSummaryView>();
        boolean more = true;
        while (more) {
            String after = rules.isEmpty() ? null : rules.getLast().key();
            more = call(() -> {
                try (Response page = alertRules.rules(authorization, pageSize, after)) {
                    List<AlertRuleSummaryView> read = page.readEntity(RULES);
                    rules.addAll(read);
                    return !read.isEmpty() && page.getLink("next") != null;
                }
            }, "alert rules");
        }
        lastAlertRules = List.copyOf(rules);
        return lastAlertRules;
    }

    @Fallback(fallbackMethod = "alertRuleNotSeen", skipOn = Refused.class)
    public AlertRuleVersionView alertRuleVersion(String authorization, String key, int version) {
        return call(() -> alertRules.version(authorization, key, version), "alert rule " + key);
    }

    // The fallbacks are private: the class's timeout, retry and circuit breaker would apply to them too otherwise, and a
    // breaker opened by "not seen before" answered 500 instead of 503.
    private List<AlertRuleSummaryView> lastAlertRules(String authorization) {
        return kept(lastAlertRules, "the alert rules");
    }

    private AlertRuleVersionView alertRuleNotSeen(String authorization, String key, int version) {
        return kept(null, "alert rule " + key);
    }

    @Fallback(fallbackMethod = "lastMetrics", skipOn = Refused.class)
    public List<MetricSummaryView> metrics(String authorization, boolean superadmin) {
        List<MetricSummaryView> metrics = call(() -> catalog.metrics(authorization), "the metric list");
        lastLists.put(superadmin, metrics);
        return metrics;
    }

    private record RoleAndKey(boolean superadmin, String key) {
    }

    @Fallback(fallbackMethod = "lastMetric", skipOn = Refused.class)
    public MetricSummaryView metric(String authorization, String key, boolean superadmin) {
        MetricSummaryView summary = call(() -> catalog.metric(authorization, key), key);
        lastSummaries.put(new RoleAndKey(superadmin, key), summary);
        return summary;
    }

    @Fallback(fallbackMethod = "notSeen", skipOn = Refused.class)
    public MetricVersionView version(String authorization, String key, int version) {
        return call(() -> catalog.version(authorization, key, version), key);
    }

    @Fallback(fallbackMethod = "lastDashboard", skipOn = Refused.class)
    public DashboardSummaryView dashboard(String authorization, String key, boolean superadmin) {
        DashboardSummaryView summary = call(() -> dashboards.dashboard(authorization, key), "dashboard " + key);
        lastDashboards.put(new RoleAndKey(superadmin, key), summary);
        return summary;
    }

    @Fallback(fallbackMethod = "dashboardNotSeen", skipOn = Refused.class)
    public DashboardVersionView dashboardVersion(String authorization, String key, int version) {
        return call(() -> dashboards.version(authorization, key, version), "dashboard " + key);
    }

    private DashboardSummaryView lastDashboard(String authorization, String key, boolean superadmin) {
        return kept(lastDashboards.get(new RoleAndKey(superadmin, key)), "dashboard " + key);
    }

    private DashboardVersionView dashboardNotSeen(String authorization, String key, int version) {
        return kept(null, "dashboard " + key);
    }

    private List<MetricSummaryView> lastMetrics(String authorization, boolean superadmin) {
        return kept(lastLists.get(superadmin), "the metric list");
    }

    private MetricSummaryView lastMetric(String authorization, String key, boolean superadmin) {
        return kept(lastSummaries.get(new RoleAndKey(superadmin, key)), key);
    }

    private MetricVersionView notSeen(String authorization, String key, int version) {
        return kept(null, key);
    }

    /** Since when the catalog has not answered a call (empty: its last call answered, a refusal too). */
    public Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince.get());
    }

    private <T> T kept(T kept, String what) {
        unreachableSince.compareAndSet(null, Instant.now());
        if (kept == null) {
            throw new ApiException(503, "catalog_unavailable",
                    "the metrics catalog does not answer and " + what + " was not seen before; try again later");
        }
        LOG.warnf("metrics catalog unavailable; answering with what it last said of %s", what);
        return kept;
    }

    /** Whole seconds, at least one: the catalog gives whole seconds; anything else is read as one. */
    private static long retryAfterSeconds(String header) {
        if (header != null && header.strip().matches("\\d{1,6}")) {
            return Math.max(1, Long.parseLong(header.strip()));
        }
        return 1;
    }

    private <T> T call(Supplier<T> request, String what) {
        try {
            T answer = request.get();
            unreachableSince.set(null);
            return answer;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status < 500) {
                unreachableSince.set(null);
            }
            if (status == 404) {
                throw new Refused(404, "not_found", "no " + (what.startsWith("dashboard ") || what.startsWith("alert rule")
                        ? "" : "metric ") + what
                        + " in the catalog");
            }
            if (status == 401 || status == 403) {
                throw new Refused(403, "forbidden", "the catalog does not show " + what + " to you");
            }
            if (status == 429) {
                // The caller's own rate at the catalog: theirs alone, so it must not count against the breaker.
                long retryAfter = retryAfterSeconds(e.getResponse().getHeaderString(HttpHeaders.RETRY_AFTER));
                throw new Refused(429, "too_many_requests", "you asked the metrics catalog (through this service) "
                        + "faster than one person may; retry in " + retryAfter + " s", retryAfter);
            }
            throw e;
        }
    }
}
