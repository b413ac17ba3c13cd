package org.moderation.bi.migrator.health;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.agroal.api.AgroalDataSource;

/**
 * What the health checks and gauges report, read from the target database in one small query each time: it outlives
 * any process, so every replica reports the same.
 */
@ApplicationScoped
public class OperationalState {

    /**
     * @param lastSuccess       when the last run succeeded, if ever
     * @param latestRunId       the latest finished run, whether it failed (or its validation did), and whether the
     *                          deletion guard refused it (with why)
     * @param lastAuditPassed   the latest finished full load or audit passed validation; empty if there was none
     * @param readModelChangedAt when the last change reached the read model
     */
    public record State(Optional<OffsetDateTime> lastSuccess, Long latestRunId, boolean latestRunFailed,
            boolean latestRunRefused,
            String latestRunError, Optional<Boolean> lastAuditPassed, Optional<OffsetDateTime> lastAuditAt,
            OffsetDateTime readModelChangedAt, OffsetDateTime now) {

        public Optional<Duration> sinceLastSuccess() {
            return lastSuccess.map(at -> Duration.between(at, now));
        }

        public Duration readModelAge() {
            return Duration.between(readModelChangedAt, now);
        }

        /**
         * A wellness answer about something that happened at {@code at}: DOWN when it never happened, is older than
         * {@code maxAge}, or was not {@code ok}; its time and age as data.
         */
        HealthCheckResponse aged(HealthCheckResponseBuilder response, String what, Optional<OffsetDateTime> at,
                Duration maxAge, boolean ok) {
            response.withData("maxAgeSeconds", maxAge.toSeconds());
            if (at.isEmpty()) {
                return response.withData(what, "never").down().build();
            }
            long age = Duration.between(at.get(), now).toSeconds();
            return response.withData(what, at.get().toString()).withData("ageSeconds", age)
                    .status(ok && age <= maxAge.toSeconds()).build();
        }
    }

    private final AgroalDataSource target;

    public OperationalState(AgroalDataSource target) {
        this.target = target;
    }

    /**
     * A wellness answer named {@code name} from the current state, or DOWN with why when the target database does
     * not answer: what every check of this package does around its own judgement.
     */
    public HealthCheckResponse check(String name,
            BiFunction<State, HealthCheckResponseBuilder, HealthCheckResponse> judge) {
        var response = HealthCheckResponse.named(name);
        try {
            return judge.apply(current(), response);
        } catch (SQLException e) {
            return response.withData("error", "target database did not answer").down().build();
        }
    }

    public State current() throws SQLException {
        try (var connection = target.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT (SELECT max(finished_at) FROM migration_runs
                             WHERE status = 'succeeded' AND kind <> 'stream'),
                            latest.id, latest.mass_delete_refused, latest.error,
                            latest.status IN ('failed', 'validation_failed'),
                            audit.status = 'succeeded', audit.finished_at,
                            (SELECT changed_at FROM read_model_version), now()
                     FROM (SELECT 1) AS one
                     LEFT JOIN LATERAL (SELECT id, status, mass_delete_refused, error FROM migration_runs
                                        WHERE status <> 'running' AND kind <> 'stream'
                                        ORDER BY id DESC LIMIT 1) latest ON true
                     LEFT JOIN LATERAL (SELECT status, finished_at FROM migration_runs
                                        WHERE status <> 'running' AND kind IN ('full', 'audit')
                                        ORDER BY id DESC LIMIT 1) audit ON true""")) {
            rows.next();
            long latest = rows.getLong(2);
            Long latestRunId = rows.wasNull() ? null : latest;
            boolean auditPassed = rows.getBoolean(6);
            Optional<Boolean> lastAuditPassed = rows.wasNull() ? Optional.empty() : Optional.of(auditPassed);
            return new State(Optional.ofNullable(rows.getObject(1, OffsetDateTime.class)), latestRunId,
                    rows.getBoolean(5), rows.getBoolean(3), rows.getString(4), lastAuditPassed,
                    Optional.ofNullable(rows.getObject(7, OffsetDateTime.class)),
                    rows.getObject(8, OffsetDateTime.class), rows.getObject(9, OffsetDateTime.class));
        }
    }
}
