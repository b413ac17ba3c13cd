package org.moderation.bi.migrator.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates and drops uniquely named databases on the test PostgreSQL server (see {@code test.pg.url} in the
 * parent POM), so test runs never share or leave behind state.
 */
public final class TestDatabases {

    private static final String SERVER_URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = System.getProperty("test.pg.user", "postgres");

    private TestDatabases() {
    }

    /** @return the JDBC URL of a new, empty database whose name starts with {@code prefix} */
    public static String create(String prefix) {
        String name = prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE DATABASE " + name);
        return SERVER_URL.substring(0, SERVER_URL.lastIndexOf('/') + 1) + name;
    }

    public static void drop(String jdbcUrl) {
        execute("DROP DATABASE IF EXISTS " + jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1) + " WITH (FORCE)");
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, USER, null);
    }

    /** Runs one statement with bound parameters. */
    public static void execute(String jdbcUrl, String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(jdbcUrl); var statement = prepare(connection, sql, parameters)) {
            statement.execute();
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String text(String jdbcUrl, String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(jdbcUrl); var statement = prepare(connection, sql, parameters);
             var rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, null);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare test databases on " + SERVER_URL
                    + " (is PostgreSQL running? .ci/run starts it): " + e.getMessage(), e);
        }
    }
}
