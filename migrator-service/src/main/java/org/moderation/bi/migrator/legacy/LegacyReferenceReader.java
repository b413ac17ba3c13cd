package org.moderation.bi.migrator.legacy;

import static org.moderation.bi.migrator.legacy.LegacyPostReader.integer;
import static org.moderation.bi.migrator.legacy.LegacyPostReader.time;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/** Reads communities and users, and the legacy database's own clock and size, in one snapshot. */
@ApplicationScoped
public class LegacyReferenceReader {

    private final AgroalDataSource legacy;

    public LegacyReferenceReader(@DataSource("legacy") AgroalDataSource legacy) {
        this.legacy = legacy;
    }

    public LegacyReferenceData read() throws SQLException {
        return LegacySnapshot.read(legacy, LegacyReferenceReader::read);
    }

    public LegacyReferenceData read(LegacySnapshot snapshot) throws SQLException {
        return read(snapshot.connection());
    }

    private static LegacyReferenceData read(Connection c) throws SQLException {
        var communities = new ArrayList<LegacyReferenceData.Community>();
        try (var statement = c.createStatement(); var rows = statement.executeQuery(
                "SELECT id, name, slug, created_at FROM communities ORDER BY id")) {
            while (rows.next()) {
                communities.add(new LegacyReferenceData.Community(rows.getLong(1), rows.getString(2),
                        rows.getString(3), time(rows, 4)));
            }
        }
        var users = new ArrayList<LegacyReferenceData.User>();
        try (var statement = c.createStatement(); var rows = statement.executeQuery(
                "SELECT id, email, display_name, role, community_id, created_at FROM app_users ORDER BY id")) {
            while (rows.next()) {
                users.add(new LegacyReferenceData.User(rows.getLong(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), integer(rows, 5), time(rows, 6)));
            }
        }
        return new LegacyReferenceData(communities, users);
    }

    /** The legacy database's own "now": the upper end of what this run is guaranteed to see. */
    public OffsetDateTime now() throws SQLException {
        try (Connection connection = legacy.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT now()")) {
            rows.next();
            return time(rows, 1);
        }
    }

    /** How many posts there are now: the denominator of a run's progress. */
    public long countPosts() throws SQLException {
        try (Connection connection = legacy.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM posts")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
