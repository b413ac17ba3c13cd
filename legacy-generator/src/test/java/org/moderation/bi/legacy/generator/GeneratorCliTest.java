package org.moderation.bi.legacy.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorCliTest {

    private static TestDatabase db;

    /** Exit code and captured output of one CLI run. */
    private record Run(int exitCode, String out, String err) {
    }

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

    @ParameterizedTest
    @ValueSource(strings = {"", "explode", "generate", "mutate --posts 10 --url x", "generate --url",
            "generate --url x --posts many", "generate --url x --posts 0", "generate --url x --now yesterday",
            "generate --url x --now 2020-01-01T00:00:00Z", "generate --url x --colour blue",
            "generate --url x --recreate=yes", "generate --url x stray", "generate --url x --seed 1 --seed 2"})
    void badUsageExitsWith64AndPrintsTheUsage(String line) {
        Run run = run(line.isEmpty() ? new String[0] : line.split(" "));
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).startsWith("error: ").contains("usage:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpPrintsTheUsage() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("generate --url JDBC_URL").contains("mutate");
    }

    @Test
    void generatesRefusesANonEmptyDatabaseRecreatesAndMutates() throws Exception {
        try (Connection c = db.connect()) {
            LegacySchema.drop(c);
        }
        Run first = run("generate", "--url", db.url(), "--user", db.user(), "--posts", "300", "--seed", "5",
                "--now", "2026-02-01T00:00:00Z");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("generated 8 communities, 150 users, 300 posts");

        Run refused = run("generate", "--url", db.url(), "--user", db.user(), "--posts", "100");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("already has 300 posts").contains("--recreate").doesNotContain("\tat ");

        Run recreated = run("generate", "--url=" + db.url(), "--user=" + db.user(), "--posts=100", "--recreate");
        assertThat(recreated.exitCode()).as(recreated.err()).isZero();
        try (Connection c = db.connect()) {
            assertThat(TestDatabase.queryLong(c, "SELECT count(*) FROM posts")).isEqualTo(100);
        }

        Run mutated = run("mutate", "--url", db.url(), "--user", db.user(), "--seed", "3");
        assertThat(mutated.exitCode()).as(mutated.err()).isZero();
        assertThat(mutated.out()).startsWith("mutated: 1 posts inserted").contains("late commit on post");
    }

    @Test
    void databaseErrorsExitWith1AndAClearMessageWithoutStackTrace() {
        Run run = run("generate", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "--posts", "10");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("usage:");

        Run verbose = run("generate", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("\tat ");
    }

    @Test
    void mutateRefusesADatabaseWithoutLegacySchema() throws Exception {
        try (TestDatabase empty = TestDatabase.create()) {
            Run run = run("mutate", "--url", empty.url(), "--user", empty.user());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("run generate first");
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GeneratorCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
