package org.moderation.bi.migrator.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.shared.api.PageView;
import org.moderation.bi.shared.api.migration.ReconciliationView;
import org.moderation.bi.shared.api.migration.RunView;
import org.moderation.bi.shared.api.migration.ValidationResultView;

/** Reads runs as the admin API shows them; progress is derived from the counts every chunk commits. */
@ApplicationScoped
public class RunQueries {

    private static final String RUN = """
            SELECT r.id, r.kind, r.status, r.started_at, r.finished_at, r.window_from, r.window_to, r.posts_total,
                   r.posts_read, r.submissions_written, r.posts_unchanged, r.quarantined, r.submissions_soft_deleted,
                   r.submissions_restored, r.reports_written, r.resumed_from_run_id, r.error, r.mass_delete_refused,
                   r.reconciliation::text, now()
            FROM migration_runs r
            """;

    private final AgroalDataSource target;
    private final ObjectReader json;

    /** Rows written by an earlier version may hold fields since dropped: the strictness is for requests (StrictJson). */
    public RunQueries(AgroalDataSource target, ObjectMapper json) {
        this.target = target;
        this.json = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Optional<RunView> find(long runId) throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.prepareStatement(RUN + "WHERE r.id = ?")) {
            statement.setLong(1, runId);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(view(rows, validation(connection, runId))) : Optional.empty();
            }
        }
    }

    /** Newest first; the list leaves out validation details, which {@link #find} gives. */
    public PageView<RunView> page(int page, int size) throws SQLException {
        try (Connection connection = target.getConnection();
             var statement = connection.prepareStatement(RUN + "ORDER BY r.id DESC LIMIT ? OFFSET ?");
             var count = connection.createStatement()) {
            statement.setInt(1, size);
            statement.setLong(2, (long) page * size);
            var items = new ArrayList<RunView>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(view(rows, List.of()));
                }
            }
            try (var total = count.executeQuery("SELECT count(*) FROM migration_runs")) {
                total.next();
                return new PageView<>(items, page, size, total.getLong(1));
            }
        }
    }

    private RunView view(ResultSet rows, List<ValidationResultView> validation) throws SQLException {
        OffsetDateTime started = rows.getObject(4, OffsetDateTime.class);
        OffsetDateTime finished = rows.getObject(5, OffsetDateTime.class);
        long total = rows.getLong(8);
        long read = rows.getLong(9);
        long resumedFrom = rows.getLong(16);
        Long resumed = rows.wasNull() ? null : resumedFrom;
        String reconciliation = rows.getString(19);
        return new RunView(rows.getLong(1), rows.getString(2), rows.getString(3), started, finished,
                new RunView.Window(rows.getObject(6, OffsetDateTime.class), rows.getObject(7, OffsetDateTime.class)),
                new RunView.Counts(total, read, rows.getLong(10), rows.getLong(11), rows.getLong(12),
                        rows.getLong(13), rows.getLong(14), rows.getLong(15)),
                progress(total, read, started, finished != null ? finished : rows.getObject(20, OffsetDateTime.class),
                        finished == null),
                resumed, rows.getString(17), rows.getBoolean(18),
                reconciliation == null ? null : parse(reconciliation, ReconciliationView.class), validation);
    }

    static RunView.Progress progress(long total, long read, OffsetDateTime started, OffsetDateTime until,
            boolean running) {
        double seconds = Math.max(Duration.between(started, until).toMillis() / 1000.0, 0.001);
        double rate = read / seconds;
        double percent = !running ? 100.0 : total == 0 ? 0.0 : Math.min(100.0, 100.0 * read / total);
        Long secondsLeft = !running ? Long.valueOf(0) : rate > 0 && total > 0
                ? Math.round(Math.max(total - read, 0) / rate) : null;
        return new RunView.Progress(percent, Math.round(rate * 10) / 10.0, secondsLeft);
    }

    private List<ValidationResultView> validation(Connection connection, long runId) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT check_name, category, outcome, legacy::text, target::text, message
                FROM validation_results WHERE run_id = ? ORDER BY id""")) {
            statement.setLong(1, runId);
            try (var rows = statement.executeQuery()) {
                var results = new ArrayList<ValidationResultView>();
                while (rows.next()) {
                    results.add(new ValidationResultView(rows.getString(1), rows.getString(2), rows.getString(3),
                            parse(rows.getString(4), Object.class), parse(rows.getString(5), Object.class),
                            rows.getString(6)));
                }
                return results;
            }
        }
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return text == null ? null : json.forType(type).readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("migration_runs and validation_results hold JSON this service wrote", e);
        }
    }
}
