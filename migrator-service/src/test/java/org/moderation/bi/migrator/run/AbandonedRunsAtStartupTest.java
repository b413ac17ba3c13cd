package org.moderation.bi.migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class AbandonedRunsAtStartupTest {

    @Inject
    AbandonedRunsAtStartup startup;

    @Inject
    MigrationRunner runner;

    @BeforeEach
    void oneRun() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
    }

    @Test
    void aRunLeftRunningByADeadProcessIsMarkedFailedAtStart() throws Exception {
        TargetDatabase.execute("UPDATE migration_runs SET status = 'running', finished_at = NULL");

        startup.onStart(new StartupEvent());

        assertThat(TargetDatabase.text("SELECT status || ': ' || error FROM migration_runs")).startsWith("failed: interrupted");
    }

    @Test
    void aRunInProgressElsewhereIsLeftAlone() throws Exception {
        MigrationRunner.StartedRun running = runner.begin(RunKind.DELTA, false);
        try {
            startup.onStart(new StartupEvent());

            assertThat(TargetDatabase.text("SELECT status FROM migration_runs WHERE id = ?", running.runId()))
                    .isEqualTo("running");
        } finally {
            runner.complete(running);
        }
    }
}
