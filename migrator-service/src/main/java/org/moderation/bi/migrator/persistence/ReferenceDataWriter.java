package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.legacy.LegacyReferenceData;

/** Upserts communities and users (with their id mappings) before any submission refers to them. */
@ApplicationScoped
public class ReferenceDataWriter {

    private static final String UPSERT_COMMUNITIES = """
            WITH upserted AS (
                INSERT INTO communities AS c (legacy_id, name, slug, created_at)
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[])
                ON CONFLICT (legacy_id) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug,
                    created_at = EXCLUDED.created_at
                WHERE (c.name, c.slug, c.created_at) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.slug, EXCLUDED.created_at)
                RETURNING c.id, c.legacy_id
            ), mapped AS (
                INSERT INTO id_mappings (entity, legacy_id, new_id, run_id)
                SELECT 'community', legacy_id, id, ? FROM upserted
                ON CONFLICT (entity, legacy_id) DO NOTHING
            )
            SELECT id FROM upserted""";

    private static final String UPSERT_USERS = """
            WITH input AS (
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[])
                    AS t(legacy_id, email, display_name, role, community_legacy_id, created_at)
            ), upserted AS (
                INSERT INTO users AS u (legacy_id, email, display_name, role, community_id, created_at)
                SELECT i.legacy_id, i.email, i.display_name, i.role, c.id, i.created_at
                FROM input i LEFT JOIN communities c ON c.legacy_id = i.community_legacy_id
                ON CONFLICT (legacy_id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
                    role = EXCLUDED.role, community_id = EXCLUDED.community_id, created_at = EXCLUDED.created_at
                WHERE (u.email, u.display_name, u.role, u.community_id, u.created_at) IS DISTINCT FROM
                      (EXCLUDED.email, EXCLUDED.display_name, EXCLUDED.role, EXCLUDED.community_id, EXCLUDED.created_at)
                RETURNING u.id, u.legacy_id
            ), mapped AS (
                INSERT INTO id_mappings (entity, legacy_id, new_id, run_id)
                SELECT 'user', legacy_id, id, ? FROM upserted
                ON CONFLICT (entity, legacy_id) DO NOTHING
            )
            SELECT count(*) FROM upserted""";

    /**
     * @param changed     how many communities and users were added or changed
     * @param communities the ids of the communities added or changed (their slugs are in the read model's facts)
     */
    public record Changes(int changed, List<Long> communities) {
    }

    public Changes write(Connection connection, long runId, LegacyReferenceData data) throws SQLException {
        var communities = new ArrayList<Long>();
        int changed = 0;
        if (!data.communities().isEmpty()) {
            try (var statement = connection.prepareStatement(UPSERT_COMMUNITIES)) {
                ColumnBinder.of(connection, statement, data.communities())
                        .bigints(LegacyReferenceData.Community::id)
                        .texts(LegacyReferenceData.Community::name)
                        .texts(LegacyReferenceData.Community::slug)
                        .times(LegacyReferenceData.Community::createdAt)
                        .bigint(runId);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        communities.add(rows.getLong(1));
                    }
                }
                changed += communities.size();
            }
        }
        if (!data.users().isEmpty()) {
            try (var statement = connection.prepareStatement(UPSERT_USERS)) {
                ColumnBinder.of(connection, statement, data.users())
                        .bigints(LegacyReferenceData.User::id)
                        .texts(LegacyReferenceData.User::email)
                        .texts(LegacyReferenceData.User::displayName)
                        .texts(LegacyReferenceData.User::role)
                        .bigints(LegacyReferenceData.User::communityId)
                        .times(LegacyReferenceData.User::createdAt)
                        .bigint(runId);
                changed += count(statement);
            }
        }
        return new Changes(changed, communities);
    }

    private static int count(PreparedStatement statement) throws SQLException {
        try (var rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
