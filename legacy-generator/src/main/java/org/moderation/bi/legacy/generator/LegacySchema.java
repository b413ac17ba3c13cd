package org.moderation.bi.legacy.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates and drops the legacy schema exactly as {@code legacy/schema.sql} defines it. */
public final class LegacySchema {

    /** Classpath location of the project's copy of the legacy schema. */
    public static final String RESOURCE = "legacy/schema.sql";

    private LegacySchema() {
    }

    /** Runs the whole script as one statement: PgJDBC splits it itself and keeps the $$ body intact. */
    public static void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(script());
        }
    }

    public static void drop(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS post_reports, posts, app_users, communities CASCADE");
            st.execute("DROP FUNCTION IF EXISTS touch_updated_at() CASCADE");
        }
    }

    /** True when the posts table is visible on the connection's search path. */
    public static boolean exists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('posts') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The schema script as packaged with this module. */
    public static String script() {
        try (InputStream in = LegacySchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
