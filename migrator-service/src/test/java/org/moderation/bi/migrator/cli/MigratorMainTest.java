package org.moderation.bi.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

import org.moderation.bi.migrator.support.UnreachableLegacyDatabase;

/** The real entry point, as a Kubernetes Job or an operator runs it. */
@QuarkusMainTest
@WithTestResource(UnreachableLegacyDatabase.class)
class MigratorMainTest {

    @Test
    @Launch(value = {"run", "full"}, exitCode = 1)
    void anUnreachableLegacyDatabaseExitsOneWithAClearMessage(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("the run failed", "127.0.0.1:9").doesNotContain("\tat ");
    }

    @Test
    @Launch(value = "migrate", exitCode = 0)
    void migrateAppliesTheSchemaAndExits(LaunchResult result) {
        assertThat(result.getOutput()).contains("target schema is up to date");
    }

    @Test
    @Launch(value = {"run", "sideways"}, exitCode = 64)
    void aWrongCommandExitsWithUsage(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains(
                "usage: migrator run full|delta|reconcile|audit [--allow-mass-delete]", "migrator run rebuild-read-model",
                "migrator migrate");
    }
}
