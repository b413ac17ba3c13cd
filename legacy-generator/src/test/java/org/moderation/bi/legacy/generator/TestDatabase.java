package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A throw-away database on the test PostgreSQL server, created per test class and dropped afterwards. */
final class TestDatabase implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(.*)$");

    private final String adminUrl;
    private final String user;
    private final String name;
    private final String url;

    private TestDatabase(String adminUrl, String user, String name, String url) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.name = name;
        this.url = url;
    }

    static TestDatabase create() throws SQLException {
        String adminUrl = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getProperty("test.pg.user", "postgres");
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String name = "gen_" + HexFormat.of().formatHex(random);
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("test.pg.url is not a jdbc:postgresql URL: " + adminUrl);
        }
        TestDatabase db = new TestDatabase(adminUrl, user, name, m.group(1) + name + m.group(3));
        try (Connection admin = db.connect(adminUrl); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return db;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    Connection connect() throws SQLException {
        return connect(url);
    }

    /** A connection with the legacy schema freshly created (everything dropped first). */
    Connection connectWithFreshSchema() throws SQLException {
        Connection c = connect();
        LegacySchema.drop(c);
        LegacySchema.create(c);
        return c;
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    static String queryString(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = connect(adminUrl); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
