package org.moderation.bi.migrator.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.moderation.bi.legacy.generator.GeneratorOptions;
import org.moderation.bi.legacy.generator.LegacyGenerator;
import org.moderation.bi.legacy.generator.LegacySchema;

/** Puts the test legacy database into a known, generated state, and lets a test change it with SQL. */
public final class LegacyFixture {

    public static final long SEED = 20_261_122L;
    public static final int POSTS = 3_000;
    /** Today at midnight UTC, so the trailing 30-day window always holds generated posts. */
    public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS);

    private LegacyFixture() {
    }

    /** Drops and re-creates the legacy schema and fills it with the seeded generator. */
    public static void regenerate() throws SQLException {
        try (Connection connection = connect()) {
            LegacySchema.drop(connection);
            LegacySchema.create(connection);
            new LegacyGenerator().generate(connection, new GeneratorOptions(SEED, POSTS, NOW));
        }
    }

    public static void execute(String sql, Object... parameters) throws SQLException {
        TestDatabases.execute(LegacyAndTargetDatabases.legacyUrl(), sql, parameters);
    }

    public static Connection connect() throws SQLException {
        return TestDatabases.connect(LegacyAndTargetDatabases.legacyUrl());
    }
}
