package org.moderation.bi.migrator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.moderation.bi.migrator.stream.StreamCommands;
import org.moderation.bi.shared.api.migration.StreamView;

/**
 * Legacy transactions a test commits and then waits for the stream to apply: applied transactions are recorded by
 * their transaction id, and the stream applies them in commit order, so once the last one is there, all are.
 */
public final class StreamedTransactions {

    /** The stream needs seconds; a CI machine under load more. */
    public static final Duration PATIENCE = Duration.ofSeconds(90);

    private StreamedTransactions() {
    }

    /** Runs {@code sql} in a legacy transaction of its own; @return its transaction id as the stream reports it */
    public static long commit(String sql, Object... parameters) throws SQLException {
        try (Connection connection = LegacyFixture.connect()) {
            connection.setAutoCommit(false);
            long txId;
            try (var statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT txid_current() % 4294967296")) {
                rows.next();
                txId = rows.getLong(1);
            }
            connection.commit();
            return txId;
        }
    }

    /** A change to one post, in a transaction of its own: what a test waits for after everything it did before. */
    public static long touch(long postId) throws SQLException {
        return commit("UPDATE posts SET status = status WHERE id = ?", postId);
    }

    public static void awaitApplied(long txId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> applied(txId) > 0);
    }

    /** Waits until the stream is live; a timeout says what the stream last said it was doing, and why. */
    public static void awaitLive(StreamCommands stream) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            StreamView view = stream.view();
            assertThat(view.live()).as("live (the stream says %s: %s; %s s behind, unverified since %s)",
                    view.status(), view.reason(), view.secondsBehind(), view.unverifiedSince()).isTrue();
        });
    }

    /** How many times the stream recorded transaction {@code txId} as applied. */
    public static long applied(long txId) throws SQLException {
        return TargetDatabase.count("SELECT count(*) FROM stream_applied_transactions WHERE legacy_txid = ?", txId);
    }
}
