package org.moderation.bi.dashboard.alerts.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.alerts.AlertTransition;

/**
 * The alert rules' states and their history in bi-service's own schema ({@code bi_alerts}, Flyway's
 * {@code db/alerts}): written by the replica that evaluates, read by every replica, so that the page and
 * {@code /api/v1/alerts} say the same thing whichever replica answers, and a restart or a new evaluator forgets
 * nothing. A caller's scope is checked in SQL against the communities each row was evaluated for: a community manager
 * sees a row only when its communities are all in their claim (a rule over every community is not theirs).
 */
@ApplicationScoped
public class AlertLedger {

    /** A rule's state as evaluated, and the communities it was evaluated for (empty: all). */
    /**
     * A rule as it stands: its state, the communities it watches, since when its condition held, whether it counts
     * as firing (firing, or stale after firing) and the summary its alert is annotated with.
     */
    public record Evaluated(AlertState state, List<String> communities, Instant heldSince, boolean firing,
            String summary) {
    }

    /** Since when a rule version's condition has held, as the last evaluator recorded it. */
    public record Held(int version, Instant since) {
    }

    private static final String STATE_COLUMNS = "rule_key, rule_version, severity, scope, state, value, compared, "
            + "threshold, since, evaluated_at, read_model_version, drill_down, message";
    private static final String IN_SCOPE = "(? OR (cardinality(communities) > 0 AND communities <@ ?::text[]))";

    private final AgroalDataSource alerts;

    AlertLedger(@DataSource("alerts") AgroalDataSource alerts) {
        this.alerts = alerts;
    }

    /**
     * One round's states, in one transaction: a change of state is recorded as a transition (a rule seen for the
     * first time too), a state that holds keeps the time it started, the rules not evaluated any more (no longer
     * published) lose their state but keep their history, and history older than {@code retention} goes.
     */
    public void record(Collection<Evaluated> round, Duration retention) throws SQLException {
        try (Connection connection = alerts.getConnection()) {
            connection.setAutoCommit(false);
            try {
                transitions(connection, round);
                states(connection, round);
                forgetOthers(connection, round);
                try (var old = connection.prepareStatement("DELETE FROM alert_transitions WHERE at < ?")) {
                    old.setTimestamp(1, Timestamp.from(Instant.now().minus(retention)));
                    old.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void transitions(Connection connection, Collection<Evaluated> round) throws SQLException {
        try (var insert = connection.prepareStatement("""
                INSERT INTO alert_transitions (rule_key, rule_version, communities, severity, scope, from_state,
                                               to_state, at, value, threshold, read_model_version, drill_down, message)
                SELECT ?, ?, ?, ?, ?, (SELECT state FROM alert_states WHERE rule_key = ?), ?, ?, ?, ?, ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM alert_states WHERE rule_key = ? AND state = ?)""")) {
            for (Evaluated evaluated : round) {
                AlertState s = evaluated.state();
                int i = 1;
                insert.setString(i++, s.rule());
                insert.setInt(i++, s.version());
                insert.setArray(i++, connection.createArrayOf("text", evaluated.communities().toArray()));
                insert.setString(i++, s.severity());
                insert.setString(i++, s.scope());
                insert.setString(i++, s.rule());
                insert.setString(i++, s.state());
                insert.setTimestamp(i++, Timestamp.from(s.evaluatedAt()));
                insert.setObject(i++, s.value(), Types.DOUBLE);
                insert.setObject(i++, s.threshold(), Types.DOUBLE);
                insert.setObject(i++, s.readModelVersion(), Types.BIGINT);
                insert.setString(i++, s.drillDown());
                insert.setString(i++, s.message());
                insert.setString(i++, s.rule());
                insert.setString(i, s.state());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void states(Connection connection, Collection<Evaluated> round) throws SQLException {
        try (var upsert = connection.prepareStatement("""
                INSERT INTO alert_states (rule_key, rule_version, communities, severity, scope, state, value, compared,
                                          threshold, since, evaluated_at, read_model_version, drill_down, message,
                                          held_since, firing, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (rule_key) DO UPDATE SET rule_version = EXCLUDED.rule_version,
                    communities = EXCLUDED.communities, severity = EXCLUDED.severity, scope = EXCLUDED.scope,
                    since = CASE WHEN alert_states.state = EXCLUDED.state THEN alert_states.since
                                 ELSE EXCLUDED.since END,
                    state = EXCLUDED.state, value = EXCLUDED.value, compared = EXCLUDED.compared,
                    threshold = EXCLUDED.threshold, evaluated_at = EXCLUDED.evaluated_at,
                    read_model_version = EXCLUDED.read_model_version, drill_down = EXCLUDED.drill_down,
                    message = EXCLUDED.message, held_since = EXCLUDED.held_since, firing = EXCLUDED.firing,
                    summary = EXCLUDED.summary""")) {
            for (Evaluated evaluated : round) {
                AlertState s = evaluated.state();
                int i = 1;
                upsert.setString(i++, s.rule());
                upsert.setInt(i++, s.version());
                upsert.setArray(i++, connection.createArrayOf("text", evaluated.communities().toArray()));
                upsert.setString(i++, s.severity());
                upsert.setString(i++, s.scope());
                upsert.setString(i++, s.state());
                upsert.setObject(i++, s.value(), Types.DOUBLE);
                upsert.setObject(i++, s.compared(), Types.DOUBLE);
                upsert.setObject(i++, s.threshold(), Types.DOUBLE);
                upsert.setTimestamp(i++, Timestamp.from(s.since()));
                upsert.setTimestamp(i++, Timestamp.from(s.evaluatedAt()));
                upsert.setObject(i++, s.readModelVersion(), Types.BIGINT);
                upsert.setString(i++, s.drillDown());
                upsert.setString(i++, s.message());
                upsert.setTimestamp(i++, evaluated.heldSince() == null ? null : Timestamp.from(evaluated.heldSince()));
                upsert.setBoolean(i++, evaluated.firing());
                upsert.setString(i, evaluated.summary());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void forgetOthers(Connection connection, Collection<Evaluated> round) throws SQLException {
        try (var delete = connection.prepareStatement("DELETE FROM alert_states WHERE NOT (rule_key = ANY (?))")) {
            delete.setArray(1, connection.createArrayOf("text",
                    round.stream().map(e -> e.state().rule()).toArray()));
            delete.executeUpdate();
        }
    }

    /** Every rule whose condition held at its last evaluation, by key: where a new evaluator's clocks start from. */
    public Map<String, Held> held() throws SQLException {
        try (Connection connection = alerts.getConnection(); var select = connection.prepareStatement(
                "SELECT rule_key, rule_version, held_since FROM alert_states WHERE held_since IS NOT NULL");
             var rows = select.executeQuery()) {
            var held = new HashMap<String, Held>();
            while (rows.next()) {
                held.put(rows.getString(1), new Held(rows.getInt(2), rows.getTimestamp(3).toInstant()));
            }
            return held;
        }
    }

    /**
     * The states the scope may see, by rule key, at most {@code limit} of those after the key {@code after}; a null
     * state, severity or key: any.
     */
    public List<AlertState> states(CommunityScope scope, String state, String severity, String after, int limit)
            throws SQLException {
        try (Connection connection = alerts.getConnection(); var select = connection.prepareStatement("""
                SELECT %s
                FROM alert_states WHERE %s AND (?::text IS NULL OR state = ?) AND (?::text IS NULL OR severity = ?)
                    AND (?::text IS NULL OR rule_key > ?)
                ORDER BY rule_key LIMIT ?""".formatted(STATE_COLUMNS, IN_SCOPE))) {
            int i = inScope(connection, select, scope);
            select.setString(i++, state);
            select.setString(i++, state);
            select.setString(i++, severity);
            select.setString(i++, severity);
            select.setString(i++, after);
            select.setString(i++, after);
            select.setInt(i, limit);
            try (ResultSet rows = select.executeQuery()) {
                var states = new ArrayList<AlertState>();
                while (rows.next()) {
                    states.add(state(rows));
                }
                return states;
            }
        }
    }

    /** Every rule as the last evaluator left it: what a replica that starts evaluating shows until it has read. */
    public List<Evaluated> standing() throws SQLException {
        try (Connection connection = alerts.getConnection(); var select = connection.prepareStatement("""
                SELECT %s, communities, held_since, firing, summary FROM alert_states ORDER BY rule_key"""
                .formatted(STATE_COLUMNS)); ResultSet rows = select.executeQuery()) {
            var standing = new ArrayList<Evaluated>();
            while (rows.next()) {
                Timestamp heldSince = rows.getTimestamp(15);
                standing.add(new Evaluated(state(rows), List.of((String[]) rows.getArray(14).getArray()),
                        heldSince == null ? null : heldSince.toInstant(), rows.getBoolean(16), rows.getString(17)));
            }
            return standing;
        }
    }

    private static AlertState state(ResultSet rows) throws SQLException {
        return new AlertState(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                rows.getString(5), number(rows, 6), number(rows, 7), number(rows, 8),
                rows.getTimestamp(9).toInstant(), rows.getTimestamp(10).toInstant(), rows.getObject(11, Long.class),
                rows.getString(12), rows.getString(13));
    }

    /** A rule's changes of state the scope may see, newest first, at most {@code limit}. */
    public List<AlertTransition> history(String rule, CommunityScope scope, int limit) throws SQLException {
        try (Connection connection = alerts.getConnection(); var select = connection.prepareStatement("""
                SELECT rule_key, rule_version, severity, scope, from_state, to_state, at, value, threshold,
                       read_model_version, drill_down, message
                FROM alert_transitions WHERE %s AND rule_key = ? ORDER BY at DESC, id DESC LIMIT ?"""
                .formatted(IN_SCOPE))) {
            int i = inScope(connection, select, scope);
            select.setString(i++, rule);
            select.setInt(i, limit);
            try (ResultSet rows = select.executeQuery()) {
                var history = new ArrayList<AlertTransition>();
                while (rows.next()) {
                    history.add(new AlertTransition(rows.getString(1), rows.getInt(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getTimestamp(7).toInstant(), number(rows, 8),
                            number(rows, 9), rows.getObject(10, Long.class), rows.getString(11), rows.getString(12)));
                }
                return history;
            }
        }
    }

    private static int inScope(Connection connection, PreparedStatement statement, CommunityScope scope)
            throws SQLException {
        statement.setBoolean(1, scope.all());
        statement.setArray(2, connection.createArrayOf("text", scope.communities().toArray()));
        return 3;
    }

    private static Double number(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }
}
