package org.moderation.bi.legacy.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LegacyGeneratorTest {

    private static final GeneratorOptions SMALL =
            new GeneratorOptions(42, 3_000, Instant.parse("2026-03-15T00:00:00Z"));

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void sameSeedAndNowGiveIdenticalDataAndAnotherSeedDoesNot() throws Exception {
        String first = generateAndFingerprint(SMALL);
        String again = generateAndFingerprint(SMALL);
        String otherSeed = generateAndFingerprint(SMALL.withSeed(43));
        String otherNow = generateAndFingerprint(SMALL.withNow(SMALL.now().plusSeconds(86_400)));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(otherNow).isNotEqualTo(first);
    }

    @Test
    void summaryMatchesTheTablesAndSequencesContinueAfterTheData() throws Exception {
        try (Connection c = db.connectWithFreshSchema()) {
            GenerationSummary summary = new LegacyGenerator().generate(c, SMALL);

            assertThat(summary.communities()).isEqualTo(count(c, "communities")).isEqualTo(8);
            assertThat(summary.users()).isEqualTo(count(c, "app_users")).isEqualTo(150);
            assertThat(summary.posts()).isEqualTo(count(c, "posts")).isEqualTo(3_000);
            assertThat(summary.reports()).isEqualTo(count(c, "post_reports")).isPositive();

            long newPost = TestDatabase.queryLong(c, "INSERT INTO posts (status, created_at, updated_at) "
                    + "VALUES ('new', now(), now()) RETURNING id");
            assertThat(newPost).isEqualTo(3_001);
            long newReport = TestDatabase.queryLong(c, "INSERT INTO post_reports (post_id, reported_at, updated_at) "
                    + "VALUES (" + newPost + ", now(), now()) RETURNING id");
            assertThat(newReport).isEqualTo(summary.reports() + 1L);
            long newCommunity = TestDatabase.queryLong(c,
                    "INSERT INTO communities (name, slug) VALUES ('New', 'new') RETURNING id");
            assertThat(newCommunity).isEqualTo(9);
            long newUser = TestDatabase.queryLong(c,
                    "INSERT INTO app_users (email, role) VALUES ('new@example.org', 'admin') RETURNING id");
            assertThat(newUser).isEqualTo(151);
        }
    }

    @Test
    void leavesTheForeignKeysExactlyAsTheSchemaDefinesThem() throws Exception {
        String keysQuery = "SELECT string_agg(conrelid::regclass || '.' || conname || ' ' || pg_get_constraintdef(oid), "
                + "E'\\n' ORDER BY conrelid::regclass::text, conname) FROM pg_constraint WHERE contype = 'f'";
        try (Connection c = db.connectWithFreshSchema()) {
            String before = TestDatabase.queryString(c, keysQuery);
            new LegacyGenerator().generate(c, SMALL.withPosts(200));
            assertThat(TestDatabase.queryString(c, keysQuery)).isEqualTo(before);
            assertThat(before.lines()).hasSize(5);
        }
    }

    @Test
    void refusesToFillASchemaThatAlreadyHasRows() throws Exception {
        try (Connection c = db.connectWithFreshSchema()) {
            new LegacyGenerator().generate(c, SMALL.withPosts(50));
            assertThatThrownBy(() -> new LegacyGenerator().generate(c, SMALL.withPosts(50)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already has rows");
            assertThat(count(c, "posts")).isEqualTo(50);
        }
    }

    @Test
    void rejectsOptionsThatCannotProduceEveryQuirk() {
        assertThatThrownBy(() -> new GeneratorOptions(1, 0, SMALL.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(1, 10, Instant.parse("2023-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        GeneratorOptions defaults = GeneratorOptions.defaults();
        assertThat(defaults.seed()).isEqualTo(42);
        assertThat(defaults.posts()).isEqualTo(13_914);
        assertThat(defaults.now().getEpochSecond() % 86_400).isZero();
    }

    private static String generateAndFingerprint(GeneratorOptions options) throws SQLException {
        try (Connection c = db.connectWithFreshSchema()) {
            new LegacyGenerator().generate(c, options);
            StringBuilder fingerprint = new StringBuilder();
            for (String table : new String[] {"communities", "app_users", "posts", "post_reports"}) {
                fingerprint.append(TestDatabase.queryString(c,
                        "SELECT md5(string_agg(t::text, E'\\n' ORDER BY t.id)) FROM " + table + " t")).append(' ');
            }
            return fingerprint.toString();
        }
    }

    private static int count(Connection c, String table) throws SQLException {
        return (int) TestDatabase.queryLong(c, "SELECT count(*) FROM " + table);
    }
}
