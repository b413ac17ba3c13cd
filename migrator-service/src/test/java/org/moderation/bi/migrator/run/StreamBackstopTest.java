package org.moderation.bi.migrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.stream.StreamCommands;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.StreamedTransactions;
import org.moderation.bi.migrator.support.StreamingDatabases;
import org.moderation.bi.migrator.support.TargetDatabase;

/**
 * While the stream is live, scheduled deltas are its backstop: a trigger runs one only when the last completed run is
 * older than {@code migrator.stream.backstop-every}; when the stream is not live, every trigger runs one.
 */
@QuarkusTest
@WithTestResource(StreamingDatabases.class)
class StreamBackstopTest {

    @Inject
    ScheduledRuns scheduled;

    @Inject
    MigrationRunner runner;

    @Inject
    StreamCommands stream;

    @Test
    void aScheduledDeltaWaitsForTheBackstopIntervalOnlyWhileTheStreamIsLive() throws Exception {
        stream.dropSlot();
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
        StreamedTransactions.awaitLive(stream);

        scheduled.runDelta();
        assertThat(TargetDatabase.count("SELECT count(*) FROM migration_runs WHERE kind = 'delta'")).isZero();

        stream.pause();
        await().atMost(StreamedTransactions.PATIENCE).until(() -> !stream.view().live());
        scheduled.runDelta();
        assertThat(TargetDatabase.count("SELECT count(*) FROM migration_runs WHERE kind = 'delta'")).isEqualTo(1);
        stream.resume(false);
    }
}
