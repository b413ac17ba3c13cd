package org.moderation.bi.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

/** What {@code run …} prints and which exit code it chooses, for each way a run can end. */
@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class RunCommandTest {

    @Inject
    RunCommand command;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void freshDatabasesAndCapturedConsole() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void aPassingRunExitsZeroAndPrintsTheReportAndHeadlineNumbers() throws Exception {
        int exitCode = command.execute("run", "full");

        assertThat(exitCode).isZero();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("validation of run", "PASSED", "headline numbers",
                String.format("all time: submitted %,d", LegacyFixture.POSTS),
                // Every figure names its window: the same one the local stack's overview check asks bi-service for.
                "submitted " + today.minusDays(29) + " .. " + today + " (the 30 UTC days up to and including today)");
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts")).isEqualTo(LegacyFixture.POSTS);
    }

    @Test
    void failedValidationExitsTwo() throws Exception {
        LegacyFixture.execute("UPDATE posts SET status = 'spam' WHERE id = 7");

        int exitCode = command.execute("run", "full");

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED", "quarantine", "UNKNOWN_STATUS");
        assertThat(TargetDatabase.text("SELECT status FROM migration_runs")).isEqualTo("validation_failed");
    }

    @Test
    void aDeltaRunsAfterAFullLoadAndIsRefusedBeforeOne() throws Exception {
        assertThat(command.execute("run", "delta")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("run a full load first");

        assertThat(command.execute("run", "full")).isZero();
        LegacyFixture.execute("UPDATE posts SET status = 'rejected' WHERE id = 3");
        assertThat(command.execute("run", "delta")).isZero();
        assertThat(TargetDatabase.text("SELECT status FROM mv_submission_facts WHERE legacy_id = 3")).isEqualTo("rejected");
    }

    @Test
    void aRefusedMassDeletionExitsOneUntilAnOperatorAllowsIt() throws Exception {
        assertThat(command.execute("run", "full")).isZero();
        LegacyFixture.execute("TRUNCATE posts CASCADE");

        assertThat(command.execute("run", "delta")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused a mass deletion", "has no posts at all",
                "--allow-mass-delete");
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts")).isEqualTo(LegacyFixture.POSTS);

        assertThat(command.execute("run", "delta", "--allow-mass-delete")).isZero();
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_facts")).isZero();
    }

    @Test
    void theReadModelIsRebuiltOnDemand() throws Exception {
        assertThat(command.execute("run", "full")).isZero();
        TargetDatabase.execute("DELETE FROM mv_daily_rollup WHERE day = (SELECT min(day) FROM mv_daily_rollup)");

        assertThat(command.execute("run", "rebuild-read-model")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("read model rebuilt in [0-9.]+ s: [1-9]");
        assertThat(TargetDatabase.count("SELECT count(*) FROM (SELECT * FROM daily_rollup_rule "
                + "EXCEPT SELECT * FROM mv_daily_rollup) AS missing")).isZero();
    }

    @Test
    void aLegacySchemaThatDoesNotMatchExitsOneAndSaysWhatDiffers() throws Exception {
        LegacyFixture.execute("ALTER TABLE posts DROP COLUMN hashtags");
        LegacyFixture.execute("ALTER TABLE post_reports ALTER COLUMN taken_down_at TYPE text");

        int exitCode = command.execute("run", "full");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not the expected schema",
                "column posts.hashtags is missing",
                "column post_reports.taken_down_at is text, expected timestamp with time zone");
        assertThat(TargetDatabase.count("SELECT count(*) FROM submissions")).isZero();
    }
}
