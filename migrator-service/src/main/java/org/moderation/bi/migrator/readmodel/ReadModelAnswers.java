package org.moderation.bi.migrator.readmodel;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.MetricEngine;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.engine.Snapshots;
import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.shared.metrics.BuiltInMetrics;

/**
 * The numbers the migrator states about the read model (its headline numbers, validation's target side), asked of
 * the metric engine like every other number: the built-in metrics as every catalog seeds them. The rate is the one
 * by now, as validation's legacy side computes it (the dashboards' removal_rate counts within its horizon).
 */
@ApplicationScoped
public class ReadModelAnswers {

    public static final ResolvedMetric SUBMISSIONS = ResolvedMetric.builtIn(BuiltInMetrics.SUBMISSIONS_V1);
    public static final ResolvedMetric REMOVALS = ResolvedMetric.builtIn(BuiltInMetrics.REMOVALS_V1);
    public static final ResolvedMetric REMOVAL_RATE_BY_NOW = ResolvedMetric.builtIn(BuiltInMetrics.REMOVAL_RATE_BY_NOW_V1);
    public static final ResolvedMetric REMOVALS_BY_SOURCE = ResolvedMetric.builtIn(BuiltInMetrics.REMOVALS_BY_SOURCE_V1);

    /** Everything the read model may hold, clocks far ahead or far behind included: "all time". */
    public static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LAST = Instant.parse("9999-01-01T00:00:00Z");

    private final Snapshots snapshots;
    private final MetricEngine engine = new MetricEngine(Clock.systemUTC());

    public ReadModelAnswers(AgroalDataSource target, MigratorConfig config) {
        this.snapshots = new Snapshots(target, config.validation().figuresTimeout());
    }

    /** {@code work} in one snapshot, "removed by now" counted as of {@code asOf} (null: now). */
    public <T> T read(Instant asOf, Snapshots.Work<T> work) throws SQLException {
        return snapshots.read(null, null, asOf, work);
    }

    public Answer evaluate(Snapshot snapshot, Question question) throws SQLException {
        return engine.evaluate(snapshot, question);
    }

    /** The built-in metrics every answer here is made of. */
    public static List<ResolvedMetric> builtIns() {
        return List.of(SUBMISSIONS, REMOVALS, REMOVAL_RATE_BY_NOW, REMOVALS_BY_SOURCE);
    }
}
