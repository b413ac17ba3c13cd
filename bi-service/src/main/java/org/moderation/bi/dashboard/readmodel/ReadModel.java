package org.moderation.bi.dashboard.readmodel;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Compared;
import org.moderation.bi.engine.MetricEngine;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.engine.Snapshots;
import org.moderation.bi.engine.Submissions;
import org.moderation.bi.engine.Versions;
import org.moderation.bi.shared.metrics.SeenValues;

/**
 * The read model through the metric engine: every answer is computed in one snapshot (a read-only REPEATABLE READ
 * transaction with the service's statement timeout), and names the version that snapshot saw.
 */
@ApplicationScoped
public class ReadModel {

    private final Snapshots snapshots;
    private final MetricEngine engine = new MetricEngine(Clock.systemUTC());

    ReadModel(AgroalDataSource readModel, BiConfig config) {
        this.snapshots = new Snapshots(readModel, config.statementTimeout());
    }

    /** {@code work} in a new snapshot, opened for answers over [from, to) (null, null: answers of no window). */
    public <T> T read(Instant from, Instant to, Snapshots.Work<T> work) throws SQLException {
        return snapshots.read(from, to, work);
    }

    /** The versions a snapshot opened now for [from, to) would have, in one statement (no transaction). */
    public Versions versions(Instant from, Instant to) throws SQLException {
        return snapshots.versions(from, to);
    }

    /** Open-set values no submission has had yet, looked up in a snapshot of their own; see {@link SeenValues}. */
    public SeenValues seenValues() {
        return (column, values) -> {
            try {
                return snapshots.read(null, null, snapshot -> snapshot.unseen(column, values));
            } catch (SQLException e) {
                throw new SeenValues.UnavailableException("the read model did not answer", e);
            }
        };
    }

    public Answer answer(Snapshot snapshot, Question question) throws SQLException {
        return engine.evaluate(snapshot, question);
    }

    /** What {@code now}'s values are compared with, over [from, to); see {@link MetricEngine#compare}. */
    public Compared compare(Snapshot snapshot, Question question, Answer now, Instant from, Instant to)
            throws SQLException {
        return engine.compare(snapshot, question, now, from, to);
    }

    /** A page of the submissions behind a count; see {@link MetricEngine#submissions}. */
    public List<Submissions.Row> submissions(Snapshot snapshot, Submissions.Listing listing,
            Submissions.Position after, int limit) throws SQLException {
        return engine.submissions(snapshot, listing, after, limit);
    }

    /** Every submission behind a count, as it is read; see {@link MetricEngine#eachSubmission}. */
    public void eachSubmission(Snapshot snapshot, Submissions.Listing listing, int fetchSize,
            Consumer<Submissions.Row> sink) throws SQLException {
        engine.eachSubmission(snapshot, listing, fetchSize, sink);
    }
}
