package org.moderation.bi.dashboard.alerts.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.dashboard.scope.CallerClaims;

/**
 * Each person's scope as their newest-issued token seen by any replica gave it ({@code bi_alerts.principals}), so
 * that the evaluator re-checks a community manager's rules against the claim they hold now, not the one they held
 * when they created them: a token issued before a claim was cut, still valid and used after the cut, changes nothing.
 * Written only when a person's claims differ from what this replica last wrote for them.
 */
@ApplicationScoped
public class Principals {

    private static final Logger LOG = Logger.getLogger(Principals.class);
    /** People remembered per replica; beyond it the memory starts again (a write per person, nothing lost). */
    private static final int REMEMBERED = 10_000;

    /** A person's scope: a superadmin's is everything; a community manager's the communities claimed. */
    public record Principal(String subject, boolean superadmin, List<String> communities, Instant seenAt) {
    }

    private final AgroalDataSource alerts;
    private final Map<String, CallerClaims> written = new ConcurrentHashMap<>();
    private volatile Map<String, Principal> lastRead = Map.of();

    Principals(@DataSource("alerts") AgroalDataSource alerts) {
        this.alerts = alerts;
    }

    void seen(@Observes CallerClaims claims) {
        if (claims.sameScope(written.get(claims.subject()))) {
            return;
        }
        try (Connection connection = alerts.getConnection(); var upsert = connection.prepareStatement("""
                INSERT INTO principals (subject, superadmin, communities, seen_at, issued_at)
                VALUES (?, ?, ?, now(), ?)
                ON CONFLICT (subject) DO UPDATE SET superadmin = EXCLUDED.superadmin,
                    communities = EXCLUDED.communities, seen_at = EXCLUDED.seen_at, issued_at = EXCLUDED.issued_at
                WHERE principals.issued_at IS NULL OR EXCLUDED.issued_at IS NULL
                   OR EXCLUDED.issued_at >= principals.issued_at""")) {
            upsert.setString(1, claims.subject());
            upsert.setBoolean(2, claims.superadmin());
            upsert.setArray(3, connection.createArrayOf("text", claims.communities().toArray()));
            upsert.setTimestamp(4, claims.issuedAt() == null ? null : Timestamp.from(claims.issuedAt()));
            if (written.size() >= REMEMBERED) {
                written.clear();
            }
            if (upsert.executeUpdate() > 0) {
                written.put(claims.subject(), claims);
            } else {
                // An older token than the one recorded: what this replica wrote last no longer stands.
                written.remove(claims.subject());
            }
        } catch (SQLException e) {
            // The request goes on; the next one of this person tries again.
            LOG.warnf("the claims of %s not recorded: %s", claims.subject(), e.getMessage());
        }
    }

    /** Everyone seen, by subject; when the schema cannot be read, what was read last. */
    public Map<String, Principal> all() {
        try (Connection connection = alerts.getConnection(); var select = connection.prepareStatement(
                "SELECT subject, superadmin, communities, seen_at FROM principals");
             var rows = select.executeQuery()) {
            var principals = new HashMap<String, Principal>();
            while (rows.next()) {
                String[] communities = (String[]) rows.getArray(3).getArray();
                principals.put(rows.getString(1), new Principal(rows.getString(1), rows.getBoolean(2),
                        Arrays.asList(communities), rows.getObject(4, OffsetDateTime.class).toInstant()));
            }
            lastRead = Map.copyOf(principals);
        } catch (SQLException e) {
            LOG.warnf("the principals not read (the last read stand): %s", e.getMessage());
        }
        return lastRead;
    }
}
