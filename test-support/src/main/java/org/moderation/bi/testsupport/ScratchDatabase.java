package org.moderation.bi.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Uniquely named databases on the test PostgreSQL server ({@code test.pg.url}, {@code test.pg.user} from the
 * parent POM), created for one test run and dropped after it, so runs never share state.
 */
public final class ScratchDatabase {

    private static final String SERVER = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = System.getProperty("test.pg.user", "postgres");

    private ScratchDatabase() {
    }

    /** @return the JDBC URL of a new, empty database whose name starts with {@code prefix} */
    public static String create(String prefix) {
        String name = prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        onServer("CREATE DATABASE " + name);
        return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
    }

    public static void drop(String url) {
        onServer("DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1) + " WITH (FORCE)");
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, null);
    }

    /** One statement against the server's maintenance database (roles, databases). */
    public static void onServer(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database on " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
