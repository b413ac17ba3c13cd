package org.moderation.bi.migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.load.MigrationRunner;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class ScheduledDeltaTest {

    @Inject
    ScheduledDelta scheduled;

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
    void aTriggerThatFindsARunInProgressIsSkipped() throws Exception {
        MigrationRunner.StartedRun running = runner.begin(RunKind.DELTA);
        try {
            scheduled.runDelta();
        } finally {
            runner.complete(running);
        }

        assertThat(TargetDatabase.count("SELECT count(*) FROM migration_runs WHERE kind = 'delta'")).isEqualTo(1);
    }
}
