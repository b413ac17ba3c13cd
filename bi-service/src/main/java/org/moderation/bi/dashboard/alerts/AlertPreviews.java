package org.moderation.bi.dashboard.alerts;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.metrics.catalog.CatalogDefinitions;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.rest.CallerSlots;
import org.moderation.bi.dashboard.rest.TooManyAtOnce;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.alerts.AlertPreview;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleValidator;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.Problem;

/**
 * "How often would this rule have fired?": a rule not yet in the catalog, evaluated once a day over the last
 * {@link #DAYS} days by the evaluator's own reading and judging, in one snapshot. At most two run at once per replica,
 * one per person (each holds a read-model connection for up to {@code bi.alerts.preview-budget}); one whose caller
 * has left stops at the next day, so that a person who gives up and asks again does not wait for their first one.
 */
@ApplicationScoped
public class AlertPreviews {

    public static final int DAYS = 90;

    private final CatalogDefinitions definitions;
    private final ReadModel readModel;
    private final RuleReader reader;
    private final BiConfig config;
    private final CallerSlots slots;
    private final MeterRegistry registry;

    AlertPreviews(CatalogDefinitions definitions, ReadModel readModel, RuleReader reader, BiConfig config,
            MeterRegistry registry) {
        this.definitions = definitions;
        this.readModel = readModel;
        this.reader = reader;
        this.config = config;
        this.registry = registry;
        this.slots = new CallerSlots("previews", "too_many_previews", 1, 2, config.alerts().previewsAMinute(),
                Duration.ofSeconds(5));
    }

    /**
     * @param caller the token's subject: one preview at a time each, so nobody holds both of a replica's
     * @param scope the caller's scope for the rule's communities (ScopeResolver has refused any outside it)
     * @param callerLeft whether the caller's connection has closed: nobody would read the answer
     * @throws TooManyAtOnce while the caller's preview, or two of anyone's, run here
     */
    public AlertPreview preview(String caller, AlertRuleDefinition rule, CommunityScope scope, boolean superadmin,
            String authorization, BooleanSupplier callerLeft) throws SQLException {
        slots.take(caller);
        try {
            AlertPreview preview = previewed(rule, scope, superadmin, authorization, callerLeft);
            ended("answered");
            return preview;
        } finally {
            slots.release(caller);
        }
    }

    /** How previews end, for whether their budget and their speed suit the people who ask for them. */
    private void ended(String how) {
        registry.counter("bi.alerts.previews", "result", how).increment();
    }

    private AlertPreview previewed(AlertRuleDefinition rule, CommunityScope scope, boolean superadmin,
            String authorization, BooleanSupplier callerLeft) throws SQLException {
        validate(rule, superadmin, authorization);
        if (!superadmin && rule.communities().isEmpty()) {
            throw new ApiException(403, "out_of_scope", "a community manager's rule names the communities it watches, "
                    + "all of them theirs: " + String.join(", ", scope.communities()));
        }
        ResolvedMetric metric = definitions.resolved(rule.metric().key(), rule.metric().version(), superadmin,
                authorization);
        List<Instant> instants = instants(rule, Instant.now());
        Instant deadline = Instant.now().plus(config.alerts().previewBudget());
        Duration horizon = metric.horizon();
        return readModel.read(AlertWindows.at(rule, horizon, instants.getFirst()).span().from(),
                AlertWindows.at(rule, horizon, instants.getLast()).span().to(), snapshot -> {
                    var points = new ArrayList<AlertPreview.Point>();
                    Instant heldSince = null;
                    String before = null;
                    int firings = 0;
                    int firing = 0;
                    for (Instant at : instants) {
                        if (callerLeft.getAsBoolean()) {
                            // Written to a closed connection, read by nobody.
                            ended("abandoned");
                            throw new ApiException(503, "preview_abandoned", "the caller left before the preview "
                                    + "ended");
                        }
                        if (Instant.now().isAfter(deadline)) {
                            ended("too_slow");
                            throw new ApiException(503, "preview_too_slow", "the preview took longer than "
                                    + config.alerts().previewBudget() + "; try a shorter window");
                        }
                        AlertWindows windows = AlertWindows.at(rule, horizon, at);
                        Reading reading = reader.compute(snapshot, rule.communities(), rule.filters(), metric,
                                windows);
                        var judged = AlertJudge.judge(rule, reading, snapshot.version(), at,
                                config.readModelMaxAge(), heldSince, metric.definition().unit());
                        heldSince = judged.conditionSince();
                        boolean fires = AlertState.FIRING.equals(judged.state());
                        firings += fires && !AlertState.FIRING.equals(before) ? 1 : 0;
                        firing += fires ? 1 : 0;
                        before = judged.state();
                        points.add(new AlertPreview.Point(at, reading.value(), reading.compared(), judged.state(),
                                windows.words(horizon) + judged.message()));
                    }
                    return new AlertPreview(rule.key(), DAYS, firings, firing,
                            snapshot.version() == null ? null : snapshot.version().version(), points);
                });
    }

    /** The last minute of each of the last days in the rule's zone, the latest the minute under way. */
    static List<Instant> instants(AlertRuleDefinition rule, Instant now) {
        ZoneId zone = rule.window().timeZone() == null ? ZoneOffset.UTC : ZoneId.of(rule.window().timeZone());
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        LocalDate today = LocalDate.ofInstant(now, zone);
        var instants = new ArrayList<Instant>();
        for (int back = DAYS - 1; back >= 0; back--) {
            Instant lastMinute = today.minusDays(back).plusDays(1).atStartOfDay(zone).toInstant()
                    .minus(Duration.ofMinutes(1));
            instants.add(lastMinute.isAfter(minute) ? minute : lastMinute);
        }
        return instants;
    }

    /** The catalog's own rules, with the metric's versions as this caller may see them. */
    private void validate(AlertRuleDefinition rule, boolean superadmin, String authorization) {
        List<Problem> problems = AlertRuleValidator.validate(rule, key -> {
            try {
                return List.of(definitions.resolve(key, rule.metric().version(), superadmin, authorization));
            } catch (ApiException e) {
                if (e.status() == 404) {
                    return List.of();
                }
                throw e;
            }
        }, KnownValues.CLOSED, true);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid_definition", "the alert rule is invalid",
                    problems.stream().map(Problem::toString).toList());
        }
    }
}
