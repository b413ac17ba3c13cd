package org.moderation.bi.migrator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.TargetDatabase;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class SecondTransactionTest {

    private static final Duration LONG = Duration.ofMinutes(2);

    @Inject
    ManagedExecutor executor;

    @Inject
    AgroalDataSource target;

    @BeforeEach
    void scratchTable() throws SQLException {
        TargetDatabase.execute("DROP TABLE IF EXISTS second_transaction_scratch");
        TargetDatabase.execute("CREATE TABLE second_transaction_scratch (note text)");
    }

    @Test
    void itSeesTheFirstTransactionsSnapshotAndKeepsItsWritesOnlyWhenToldToCommit() throws Exception {
        try (Connection first = TargetDatabase.connect()) {
            first.setAutoCommit(false);
            String snapshot = Snapshots.export(first);
            TargetDatabase.execute("INSERT INTO second_transaction_scratch VALUES ('committed after the snapshot')");

            SecondTransaction<Long> kept = SecondTransaction.start(executor, target, snapshot,
                    second -> countAndWrite(second, "kept"), LONG);
            assertThat(kept.result()).as("rows it sees: none committed after the snapshot").isZero();
            assertThat(TargetDatabase.count("SELECT count(*) FROM second_transaction_scratch WHERE note = 'kept'"))
                    .as("not committed before it is told to").isZero();
            kept.commit();

            SecondTransaction<Long> abandoned = SecondTransaction.start(executor, target, snapshot,
                    second -> countAndWrite(second, "abandoned"), LONG);
            assertThat(abandoned.result()).isZero();
            var failure = new IllegalStateException("the first transaction failed");
            abandoned.abandon(failure);
            assertThat(failure.getSuppressed()).as("nothing else went wrong").isEmpty();
            first.rollback();
        }
        assertThat(TargetDatabase.rows("SELECT note FROM second_transaction_scratch ORDER BY note"))
                .containsExactly("committed after the snapshot", "kept");
    }

    @Test
    void abandoningItCancelsTheStatementThatStillRuns() throws Exception {
        try (Connection first = TargetDatabase.connect()) {
            first.setAutoCommit(false);
            SecondTransaction<Long> sleeping = SecondTransaction.start(executor, target, Snapshots.export(first),
                    second -> countAndWrite(second, "slept") + sleep(second), LONG);
            awaitSleeping();
            var failure = new IllegalStateException("the first transaction failed");
            sleeping.abandon(failure);
            assertThat(failure.getSuppressed()).singleElement()
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("query_canceled")
                            .isEqualTo("57014"));
            first.rollback();
        }
        assertThat(TargetDatabase.count("SELECT count(*) FROM second_transaction_scratch")).isZero();
    }

    private static long countAndWrite(Connection connection, String note) throws SQLException {
        try (var count = connection.createStatement();
             var rows = count.executeQuery("SELECT count(*) FROM second_transaction_scratch");
             var write = connection.prepareStatement("INSERT INTO second_transaction_scratch VALUES (?)")) {
            rows.next();
            write.setString(1, note);
            write.executeUpdate();
            return rows.getLong(1);
        }
    }

    private static long sleep(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("SELECT pg_sleep(60)");
            return 0;
        }
    }

    private static void awaitSleeping() {
        await().atMost(LONG).until(() -> TargetDatabase.count("SELECT count(*) FROM pg_stat_activity "
                + "WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'") > 0);
    }
}
