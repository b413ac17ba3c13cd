package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.support.ReadModelDatabase;

/** What a snapshot's statements run with: a service answering many people at once on a server it shares. */
class SnapshotSettingsTest {

    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");

    private static ReadModelDatabase database;
    private static Snapshots snapshots;

    @BeforeAll
    static void readModel() throws Exception {
        database = ReadModelDatabase.create();
        snapshots = new Snapshots(database.dataSource(), Duration.ofMillis(1500));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void aSnapshotIsOneReadOnlyRepeatableReadTransactionWithItsTimeoutAndCustomPlans() throws Exception {
        String settings = snapshots.read(MAY, JUNE, snapshot -> {
            try (Statement statement = snapshot.connection().createStatement(); var rows = statement.executeQuery(
                    "SELECT current_setting('statement_timeout') || ' ' || current_setting('plan_cache_mode') || ' '"
                            + " || current_setting('transaction_isolation') || ' '"
                            + " || current_setting('transaction_read_only') || ' ' || current_setting('jit')")) {
                rows.next();
                return rows.getString(1);
            }
        });

        assertThat(settings).isEqualTo("1500ms force_custom_plan repeatable read on off");
    }

    @Test
    void aSnapshotsStatementsStartNoParallelWorkers() throws Exception {
        List<String> plans = snapshots.read(MAY, JUNE, snapshot -> {
            try (Statement statement = snapshot.connection().createStatement()) {
                // Parallel plans made free: the planner gathers workers for any table with rows (a catalog's, here, as the
                // read model is empty).
                statement.execute("SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; "
                        + "SET LOCAL min_parallel_table_scan_size = 0");
                String asOpened = plan(statement);
                statement.execute("SET LOCAL max_parallel_workers_per_gather = 2");
                return List.of(asOpened, plan(statement));
            }
        });

        assertThat(plans.get(1)).as("with two workers allowed, the test sees them gathered").contains("Gather");
        assertThat(plans.get(0)).doesNotContain("Gather").doesNotContain("Parallel");
    }

    private static String plan(Statement statement) throws SQLException {
        var plan = new StringBuilder();
        try (var rows = statement.executeQuery("EXPLAIN SELECT count(*) FROM pg_attribute")) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
