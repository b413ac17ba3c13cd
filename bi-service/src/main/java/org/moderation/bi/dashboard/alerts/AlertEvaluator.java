package org.moderation.bi.dashboard.alerts;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.agroal.DataSource;
import io.quarkus.scheduler.Scheduled;

import org.moderation.bi.dashboard.alerts.persistence.AlertLedger;
import org.moderation.bi.dashboard.alerts.persistence.Principals;
import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.metrics.catalog.CatalogDefinitions;
import org.moderation.bi.dashboard.readmodel.ReadModelChanged;
import org.moderation.bi.engine.ReadModelVersion;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.Filter;

/**
 * Evaluates every published alert rule (its latest published version) at each change of the read model and every
 * {@code bi.alerts.interval}, through the metric engine: each rule's metric over its window, and the earlier window of
 * a change condition, every rule of a round in one snapshot ({@link RuleReader}). A rule whose inputs cannot have
 * changed (same rule and metric version, same windows, no change to its communities' facts in the months they touch)
 * is not read again, only judged again (a pending rule ripens with time). One replica evaluates: the one holding a
 * PostgreSQL advisory lock on the read-model database; the others skip their rounds and publish no series. Each
 * round's states and changes of state are recorded ({@link AlertLedger}), which is what every replica's API and page
 * show. A community manager's rule is evaluated only while their token, as last seen ({@link Principals}), claims
 * every community it watches. While the catalog is down the rules and metrics it last gave are evaluated, and a rule
 * it cannot give keeps its state; when no rule can be read, every rule stands stale, saying why, and a firing one
 * keeps firing for {@code bi.alerts.stale-grace}: an outage never resolves a firing alert at once. A replica that
 * takes over shows the rules as recorded from its first scrape ({@link AlertBoard#restore}).
 */
@ApplicationScoped
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);

    private final BiConfig config;
    private final CatalogDefinitions definitions;
    private final AgroalDataSource dataSource;
    private final AlertBoard board;
    private final AlertLedger ledger;
    private final RuleReader reader;
    private final CatalogCredential credential;
    private final Principals principals;
    private final MeterRegistry registry;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean toldNoToken = new AtomicBoolean();
    /** The connection holding the evaluator's advisory lock while this replica is the evaluator. */
    private Connection leadership;

    AlertEvaluator(BiConfig config, CatalogDefinitions definitions,
            @DataSource("alerts-lock") AgroalDataSource dataSource,
            AlertBoard board, AlertLedger ledger, RuleReader reader, CatalogCredential credential,
            Principals principals, MeterRegistry registry) {
        this.config = config;
        this.definitions = definitions;
        this.dataSource = dataSource;
        this.board = board;
        this.ledger = ledger;
        this.reader = reader;
        this.credential = credential;
        this.principals = principals;
        this.registry = registry;
    }

    @Scheduled(identity = "alert-evaluation", every = "{bi.alerts.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        roundNow();
    }

    void readModelChanged(@ObservesAsync ReadModelChanged change) {
        roundNow();
    }

    /** A round now; one asked for while another runs here follows it, so a change is never missed. */
    private void roundNow() {
        again.set(true);
        while (again.get() && running.tryLock()) {
            try {
                again.set(false);
                round(Instant.now());
            } finally {
                running.unlock();
            }
        }
    }

    /**
     * One round as of {@code now}, if this replica is the evaluator.
     *
     * @return whether this replica evaluated (false: another one holds the lock)
     */
    public boolean round(Instant now) {
        try {
            if (!lead()) {
                registry.counter("bi.alerts.rounds", "result", "not_leader").increment();
                return false;
            }
            Timer.Sample took = Timer.start(registry);
            evaluateAll(now);
            took.stop(registry.timer("bi.alerts.round.duration"));
            registry.counter("bi.alerts.rounds", "result", "evaluated").increment();
            return true;
        } catch (SQLException e) {
            LOG.warnf("alert rules not evaluated: %s", e.getMessage());
            registry.counter("bi.alerts.rounds", "result", "failed").increment();
            return false;
        }
    }

    /**
     * Whether this replica is the evaluator: it holds the advisory lock on a connection of its own for as long as it
     * lives (a rule's state, a pending rule's clock, lives in one replica only), and a replica that is not publishes
     * no series, so that Prometheus sees one set of them. The connection comes from a pool of its own (one
     * connection, {@code alerts-lock}), never from the read model's, whose connections every request needs back; the
     * lock needs a session, not a transaction-mode pooler's connection (deploy/README.md).
     */
    private synchronized boolean lead() throws SQLException {
        if (leadership != null) {
            try (var alive = leadership.createStatement()) {
                alive.execute("SELECT 1");
                return true;
            } catch (SQLException lost) {
                LOG.warnf("lost the alert evaluator's lock connection: %s", lost.getMessage());
                resign();
            }
        }
        Connection connection = dataSource.getConnection();
        if (lock(connection, "SELECT pg_try_advisory_lock(?)")) {
            leadership = connection;
            LOG.info("this replica evaluates the alert rules");
            restore();
            return true;
        }
        connection.close();
        board.keepOnly(Set.of());
        return false;
    }

    /** The rules as the evaluator before recorded them, shown until this replica has evaluated them itself. */
    private void restore() {
        try {
            board.restore(ledger.standing());
        } catch (SQLException e) {
            LOG.warnf("the recorded alert states not read (their series wait for this replica's round): %s",
                    e.getMessage());
        }
    }

    /**
     * A round that could not evaluate the rules: each stands stale, saying why, and is recorded so. Nothing standing
     * (the record could not be read) records nothing: an empty round would forget every recorded state.
     */
    private void stale(Instant now, String reason) {
        List<AlertLedger.Evaluated> stale = board.stale(now, reason, config.alerts().staleGrace());
        if (!stale.isEmpty()) {
            record(stale);
        }
    }

    /** The values a rule's submissions have, for its messages: " with hashtag nwo, language de". */
    private static String having(List<Filter> filters) {
        return filters.isEmpty() ? "" : " with " + String.join(", ", filters.stream()
                .map(filter -> filter.column() + " " + filter.value()).toList());
    }

    /** Lets another replica evaluate: the lock goes, and with it the series this replica published. */
    @PreDestroy
    public synchronized void resign() {
        if (leadership != null) {
            try (Connection connection = leadership) {
                lock(connection, "SELECT pg_advisory_unlock(?)");
            } catch (SQLException e) {
                LOG.debugf("the lock connection closed: %s", e.getMessage());
            }
            leadership = null;
        }
        board.keepOnly(Set.of());
    }

    private boolean lock(Connection connection, String sql) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, config.alerts().lockKey());
            try (var rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private void evaluateAll(Instant now) throws SQLException {
        Optional<String> token;
        try {
            token = credential.authorization();
        } catch (IOException e) {
            LOG.warnf("alert rules not evaluated: no token for the metrics catalog (%s)", e.getMessage());
            stale(now, "the evaluator got no token for the metrics catalog (" + e.getMessage() + ")");
            return;
        }
        if (token.isEmpty()) {
            if (toldNoToken.compareAndSet(false, true)) {
                LOG.warn("neither bi.alerts.catalog-token nor bi.alerts.client.*: alert rules are not read from the "
                        + "catalog");
            }
            stale(now, "the evaluator has no credential for the metrics catalog (neither bi.alerts.catalog-token "
                    + "nor bi.alerts.client.*)");
            return;
        }
        long started = System.nanoTime();
        List<AlertRuleVersionView> rules;
        try {
            rules = definitions.publishedAlertRules(token.get());
        } catch (ApiException e) {
            // Never seen, or refused: never resolved by an outage, but not shown as current either.
            LOG.warnf("alert rules not evaluated: the catalog did not give them (%s)", e.getMessage());
            stale(now, "the alert rules could not be read from the metrics catalog: " + e.getMessage());
            return;
        }
        long fetched = System.nanoTime();
        Map<String, Principals.Principal> principals = this.principals.all();
        var planned = new ArrayList<RuleReader.Planned>();
        for (AlertRuleVersionView rule : rules) {
            Tracked previous = board.get(rule.key());
            String lost = lostClaim(rule, principals.get(rule.createdBy()));
            if (lost != null) {
                board.put(new Tracked(rule, null, null, null, null,
                        state(rule, previous, AlertState.ERROR, now, null, null, null, null, lost), false));
                continue;
            }
            try {
                AlertJudge.forDuration(rule.definition());
                ResolvedMetric metric = definitions.resolved(rule.definition().metric().key(),
                        rule.definition().metric().version(), true, token.get());
                AlertWindows windows = AlertWindows.at(rule.definition(), metric.horizon(), now);
                planned.add(new RuleReader.Planned(rule, previous, metric, windows));
            } catch (ApiException e) {
                if (e.status() == 503 && previous != null && previous.rule().version() == rule.version()) {
                    LOG.warnf("alert rule %s: %s; its state stays as last evaluated", rule.key(), e.getMessage());
                } else {
                    board.put(failed(rule, previous, now, e.getMessage()));
                }
            } catch (RuntimeException e) {
                board.put(failed(rule, previous, now, "the rule cannot be evaluated: " + e.getMessage()));
            }
        }
        long planning = System.nanoTime();
        RuleReader.Round read;
        List<RuleReader.Planned> judge = planned;
        try {
            read = reader.read(planned);
        } catch (SQLException e) {
            // The read model is out of reach: no rule is judged on nothing; each stands stale, saying why.
            LOG.warnf("alert rules not evaluated: the read model could not be read (%s)", e.getMessage());
            board.stale(planned.stream().map(rule -> rule.rule().key()).toList(), now,
                    "the read model could not be read (" + e.getMessage() + ")", config.alerts().staleGrace());
            read = new RuleReader.Round(null, Map.of(), Map.of());
            judge = List.of();
        } catch (RuntimeException e) {
            LOG.warnf("alert rules not read: %s", e.getMessage());
            var errors = new HashMap<String, String>();
            planned.forEach(rule -> errors.put(rule.rule().key(), e.getMessage()));
            read = new RuleReader.Round(null, Map.of(), errors);
        }
        long judging = System.nanoTime();
        Map<String, AlertLedger.Held> held = heldBefore(judge);
        for (RuleReader.Planned rule : judge) {
            Reading reading = read.readings().get(rule.rule().key());
            board.put(reading != null ? judged(rule, reading, read.version(), now, held.get(rule.rule().key()))
                    : failed(rule.rule(), rule.previous(), now, "the metric could not be read: "
                            + read.errors().get(rule.rule().key())));
        }
        var keys = new HashSet<String>();
        rules.forEach(rule -> keys.add(rule.key()));
        board.keepOnly(keys);
        record(board.standing(keys));
        LOG.debugf("round of %d rules: catalog %d ms, plan %d ms, read %d ms, judge and record %d ms", rules.size(),
                millis(started, fetched), millis(fetched, planning), millis(planning, judging),
                millis(judging, System.nanoTime()));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /**
     * What every replica shows. A failed write loses nothing for good: the next round records the change from the
     * state last written to the one it finds (the steps in between are not in the history).
     */
    private void record(List<AlertLedger.Evaluated> round) {
        try {
            ledger.record(round, config.alerts().historyRetention());
            registry.counter("bi.alerts.recorded", "result", "written").increment();
        } catch (SQLException e) {
            LOG.warnf("alert states not recorded (the next round tries again): %s", e.getMessage());
            registry.counter("bi.alerts.recorded", "result", "failed").increment();
        }
    }

    /**
     * Since when the conditions of rules this replica has not evaluated yet held, as the last evaluator recorded them
     * (empty when it has evaluated every rule, or the record cannot be read: their clocks start again).
     */
    private Map<String, AlertLedger.Held> heldBefore(List<RuleReader.Planned> planned) {
        if (planned.stream().allMatch(rule -> rule.previous() != null)) {
            return Map.of();
        }
        try {
            return ledger.held();
        } catch (SQLException e) {
            LOG.warnf("the recorded alert clocks not read (pending rules start again): %s", e.getMessage());
            return Map.of();
        }
    }

    /**
     * The rule's next state, judged from what was read; a rule this replica evaluates for the first time goes on
     * with the clock {@code recorded} by the evaluator before it.
     */
    private Tracked judged(RuleReader.Planned planned, Reading reading, ReadModelVersion version, Instant now,
            AlertLedger.Held recorded) {
        AlertRuleVersionView rule = planned.rule();
        Tracked previous = planned.previous();
        ResolvedMetric metric = planned.metric();
        AlertRuleDefinition definition = rule.definition();
        Instant heldSince;
        if (previous != null) {
            heldSince = previous.rule().version() == rule.version() ? previous.heldSince() : null;
        } else {
            heldSince = recorded != null && recorded.version() == rule.version() ? recorded.since() : null;
        }
        var judged = AlertJudge.judge(definition, reading, version, now, config.readModelMaxAge(), heldSince,
                metric.definition().unit());
        String message = metric.key() + " v" + metric.version() + having(definition.filters()) + ": "
                + planned.windows().words(metric.horizon()) + judged.message();
        if ("deprecated".equals(metric.status())) {
            message += "; the metric's version " + metric.version() + " is deprecated, the rule keeps evaluating it";
        }
        boolean firing = AlertState.FIRING.equals(judged.state())
                || AlertState.STALE.equals(judged.state()) && previous != null && previous.firing();
        AlertState state = state(rule, previous, judged.state(), now, reading.value(), reading.compared(),
                reading.readModel() == null ? null : reading.readModel().version(),
                AlertDrillDown.of(metric, planned.windows().current(), definition.communities(),
                        definition.filters()), message);
        return new Tracked(rule, metric, planned.windows(), reading, judged.conditionSince(), state, firing);
    }

    /**
     * Why a rule is not to be read any more: its author is a community manager whose token, when bi-service last saw
     * it, no longer claims every community the rule watches (null: it does, they are a superadmin, or bi-service never
     * saw them and the catalog's check when the rule was created stands). Such a rule neither reads nor fires.
     */
    private static String lostClaim(AlertRuleVersionView rule, Principals.Principal author) {
        if (author == null || author.superadmin()) {
            return null;
        }
        List<String> watched = rule.definition().communities();
        List<String> lost = watched.stream().filter(c -> !author.communities().contains(c)).toList();
        if (!watched.isEmpty() && lost.isEmpty()) {
            return null;
        }
        return "not evaluated: the token of its author " + rule.createdBy() + " (as seen " + author.seenAt()
                + ") no longer claims " + (watched.isEmpty() ? "every community" : String.join(", ", lost));
    }

    /** An error keeps a firing rule firing: what cannot be read resolves nothing. */
    private static Tracked failed(AlertRuleVersionView rule, Tracked previous, Instant now, String message) {
        boolean same = previous != null && previous.rule().version() == rule.version();
        AlertState state = state(rule, previous, AlertState.ERROR, now, null, null, null, null, message);
        return new Tracked(rule, same ? previous.metric() : null, same ? previous.windows() : null,
                same ? previous.reading() : null, same ? previous.heldSince() : null, state,
                same && previous.firing());
    }

    private static AlertState state(AlertRuleVersionView rule, Tracked previous, String state, Instant now,
            Double value, Double compared, Long readModelVersion, String drillDown, String message) {
        AlertRuleDefinition definition = rule.definition();
        Instant since = previous != null && previous.state().state().equals(state) ? previous.state().since() : now;
        return new AlertState(rule.key(), rule.version(),
                definition.severity() == null ? "warning" : definition.severity(),
                Tracked.scope(definition.communities()), state, value, compared,
                definition.condition() == null ? null : definition.condition().threshold(), since, now,
                readModelVersion, drillDown, message);
    }
}
