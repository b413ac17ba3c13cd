package org.moderation.bi.migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class ScheduledRunsTest {

    @Inject
    ScheduledRuns scheduled;

    @Inject
    MigrationRunner runner;

    @BeforeEach
    void loadedOnce() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
    }

    @Test
    void aTriggerRunsADelta() throws Exception {
        LegacyFixture.execute("UPDATE posts SET status = 'duplicate' WHERE id = 77");

        scheduled.runDelta();

        assertThat(TargetDatabase.text("SELECT status FROM migration_runs WHERE kind = 'delta'")).isEqualTo("succeeded");
        assertThat(TargetDatabase.text("SELECT status FROM mv_submission_facts WHERE legacy_id = 77")).isEqualTo("duplicate");
    }

    @Test
    void anAuditTriggerChecksEverySubmissionAndTheReadModel() throws Exception {
        scheduled.runAudit();

        assertThat(TargetDatabase.text("SELECT status FROM migration_runs WHERE kind = 'audit'")).isEqualTo("succeeded");
        assertThat(TargetDatabase.count("""
                SELECT count(*) FROM validation_results v JOIN migration_runs r ON r.id = v.run_id
                WHERE r.kind = 'audit' AND v.outcome = 'passed'
                  AND v.check_name IN ('read_model_facts_match_rule', 'per_submission_facts')""")).isEqualTo(2);
    }

    @Test
    void aTriggerThatFindsARunInProgressIsSkipped() throws Exception {
        MigrationRunner.StartedRun running = runner.begin(RunKind.DELTA, false);
        try {
            scheduled.runDelta();
        } finally {
            runner.complete(running);
        }

        assertThat(TargetDatabase.count("SELECT count(*) FROM migration_runs WHERE kind = 'delta'"))
                .as("only the run that held the lock").isEqualTo(1);

        // The same trigger, once the lock is free, does start a run: it was the lock that kept it back.
        scheduled.runDelta();
        assertThat(TargetDatabase.count("SELECT count(*) FROM migration_runs WHERE kind = 'delta'")).isEqualTo(2);
    }
}
