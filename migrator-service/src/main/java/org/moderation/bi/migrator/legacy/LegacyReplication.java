package org.moderation.bi.migrator.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.migrator.config.MigratorConfig;

/**
 * The legacy database's side of the stream: whether it can stream (and, where it cannot, exactly what to set), its
 * publication of the tables the migrator reads, and the named replication slot that keeps the changes the migrator
 * has not applied yet. Reads go through the read-only pool; the publication's DDL through a connection of its own.
 */
@ApplicationScoped
public class LegacyReplication {

    /** The tables the migrator reads, as the publication must list them. */
    public static final List<String> TABLES = List.of("communities", "app_users", "posts", "post_reports");

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,63}");

    /** The slot as pg_replication_slots shows it, with what it keeps from the server's current WAL position. */
    public record Slot(boolean active, String confirmedFlushLsn, long behindBytes, long retainedBytes,
            String walStatus, Long safeWalBytes) {
    }

    private final AgroalDataSource legacy;
    private final String slot;
    private final String publication;

    public LegacyReplication(@DataSource("legacy") AgroalDataSource legacy, MigratorConfig config) {
        this.legacy = legacy;
        this.slot = validName("migrator.stream.slot", config.stream().slot());
        this.publication = validName("migrator.stream.publication", config.stream().publication());
    }

    public String slotName() {
        return slot;
    }

    public String publicationName() {
        return publication;
    }

    /**
     * What keeps the legacy database from streaming to this role, each with what to set; empty when nothing does
     * (the publication may still be missing: {@link #ensurePublication} creates it where the role may).
     */
    public List<String> obstacles() throws SQLException {
        var obstacles = new ArrayList<String>();
        try (Connection connection = legacy.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT current_setting('wal_level'), current_user,
                            (SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user),
                            current_setting('max_replication_slots')::int""")) {
            rows.next();
            String walLevel = rows.getString(1);
            String role = rows.getString(2);
            if (!"logical".equals(walLevel)) {
                obstacles.add("the legacy server's wal_level is '" + walLevel + "', not 'logical': set it and "
                        + "restart the server (self-managed: ALTER SYSTEM SET wal_level = logical; Azure Database for "
                        + "PostgreSQL Flexible Server: the server parameter wal_level = logical, e.g. az postgres "
                        + "flexible-server parameter set --name wal_level --value logical, then restart it)");
            }
            if (!rows.getBoolean(3)) {
                obstacles.add("the role " + role + " may not stream: ALTER ROLE " + quote(role) + " WITH REPLICATION "
                        + "(on Azure Flexible Server, run it as the server's administrator)");
            }
            if (rows.getInt(4) == 0) {
                obstacles.add("the legacy server allows no replication slots: set max_replication_slots (e.g. 10) "
                        + "and restart it");
            }
        }
        return obstacles;
    }

    /**
     * Creates the publication of {@link #TABLES} if it does not exist, or adds the tables it lacks (the role must own
     * the tables, or be a superuser).
     *
     * @return what is still wrong with it, if anything, and what to run instead
     */
    public Optional<String> ensurePublication(LegacyConnectionSettings settings) throws SQLException {
        Optional<List<String>> published = publishedTables();
        if (published.isEmpty()) {
            try (Connection connection = settings.connect(); var statement = connection.createStatement()) {
                // Names validated against NAME above; the tables are constants.
                statement.execute("CREATE PUBLICATION " + quote(publication) + " FOR TABLE "
                        + String.join(", ", TABLES));
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("the publication " + publication + " does not exist and could not be created ("
                        + e.getMessage() + "): as the owner of the tables, run CREATE PUBLICATION " + publication
                        + " FOR TABLE " + String.join(", ", TABLES));
            }
        }
        var missing = new TreeSet<>(TABLES);
        published.get().forEach(missing::remove);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String add = "ALTER PUBLICATION " + quote(publication) + " ADD TABLE " + String.join(", ", missing);
        try (Connection connection = settings.connect(); var statement = connection.createStatement()) {
            statement.execute(add);
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("the publication " + publication + " lacks " + String.join(", ", missing)
                    + " and they could not be added (" + e.getMessage() + "): as the owner of the tables, run "
                    + add);
        }
    }

    /** The public tables the publication lists; empty when it does not exist. */
    private Optional<List<String>> publishedTables() throws SQLException {
        try (Connection connection = legacy.getConnection(); var statement = connection.prepareStatement("""
                SELECT p.pubname, t.tablename FROM pg_publication p
                LEFT JOIN pg_publication_tables t ON t.pubname = p.pubname AND t.schemaname = 'public'
                WHERE p.pubname = ?""")) {
            statement.setString(1, publication);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                var tables = new ArrayList<String>();
                do {
                    if (rows.getString(2) != null) {
                        tables.add(rows.getString(2));
                    }
                } while (rows.next());
                return Optional.of(tables);
            }
        }
    }

    public Optional<Slot> slot() throws SQLException {
        try (Connection connection = legacy.getConnection(); var statement = connection.prepareStatement("""
                SELECT active, confirmed_flush_lsn::text,
                       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::bigint,
                       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint,
                       wal_status, safe_wal_size
                FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()""")) {
            statement.setString(1, slot);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long safe = rows.getLong(6);
                Long safeWalBytes = rows.wasNull() ? null : safe;
                return Optional.of(new Slot(rows.getBoolean(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                        rows.getString(5), safeWalBytes));
            }
        }
    }

    /**
     * Creates the slot; its consistent point is where the stream starts: every change committed after it will be
     * streamed, so whatever is read after this call returns misses nothing.
     *
     * @return the consistent point's LSN
     */
    public String createSlot() throws SQLException {
        try (Connection connection = legacy.getConnection(); var statement = connection.prepareStatement(
                "SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
            statement.setString(1, slot);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /**
     * Ends the legacy server's session that streams from the slot, and waits (up to 10 s) until it has: a consumer
     * this target's own stream left behind (its lock says no other migrator streams) while the server had not yet
     * noticed it was gone.
     */
    public void endConsumer() throws SQLException {
        try (Connection connection = legacy.getConnection(); var statement = connection.prepareStatement(
                "SELECT pg_terminate_backend(active_pid, 10000) FROM pg_replication_slots WHERE slot_name = ? "
                        + "AND active")) {
            statement.setString(1, slot);
            statement.execute();
        }
    }

    /** Drops the slot (no consumer may be streaming from it); the WAL it kept is released. */
    public boolean dropSlot() throws SQLException {
        try (Connection connection = legacy.getConnection(); var statement = connection.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slot);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String validName(String property, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(property + " must be 1 to 63 lower-case letters, digits or "
                    + "underscores, not '" + name + "'");
        }
        return name;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
