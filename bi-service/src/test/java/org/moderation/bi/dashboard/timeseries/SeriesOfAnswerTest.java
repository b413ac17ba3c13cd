package org.moderation.bi.dashboard.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;

class SeriesOfAnswerTest {

    private static final Instant NOV_22 = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant NOV_23 = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant NOV_24 = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant NOV_25 = Instant.parse("2026-11-25T00:00:00Z");

    /** Three days of submissions, computed at 15:00 on Nov 24. */
    private final SeriesOfAnswer days = new SeriesOfAnswer(result(Metric.SUBMISSIONS, 4.0, 0.0, 2.0), null,
            Granularity.DAY, new TimeWindow(NOV_22, NOV_25), ZoneOffset.UTC, false,
            Instant.parse("2026-11-24T15:00:00Z"));

    @Test
    void aPointIsPartialUntilItsBucketEndsWhateverTheTimeTheAnswerWasComputed() {
        assertThat(points(days.at(Instant.parse("2026-11-24T15:00:00Z"))))
                .extracting(TimeSeriesView.Point::start, TimeSeriesView.Point::value, TimeSeriesView.Point::partial)
                .containsExactly(
                        tuple("2026-11-22", 4L, false),
                        tuple("2026-11-23", 0L, false),
                        tuple("2026-11-24", 2L, true));
        assertThat(points(days.at(NOV_25))).extracting(TimeSeriesView.Point::partial)
                .containsExactly(false, false, false);
        // A clock set back: today has not ended again.
        assertThat(points(days.at(Instant.parse("2026-11-24T23:00:00Z")))).extracting(TimeSeriesView.Point::partial)
                .containsExactly(false, false, true);
    }

    @Test
    void requestsBeforeTheNextBucketEndShareThePointsBuiltWhenTheAnswerWasComputed() {
        List<TimeSeriesView.Series> computed = days.at(Instant.parse("2026-11-24T15:00:00Z"));
        assertThat(days.at(Instant.parse("2026-11-24T23:59:59Z"))).isSameAs(computed);
        assertThat(days.at(NOV_25)).isNotSameAs(computed);
    }

    /**
     * The removal rate within 14 days: a day's point is immature until 14 days after the day ends, whatever the time
     * the answer was computed; the points are built again where one matures, not at every request.
     */
    @Test
    void aCohortRatesPointIsImmatureUntilItsSubmissionsAreAllTheHorizonOld() {
        var rate = new SeriesOfAnswer(result(Metric.REMOVAL_RATE, 0.25, null, 1.0), null, Granularity.DAY,
                new TimeWindow(NOV_22, NOV_25), ZoneOffset.UTC, true, NOV_25);
        Instant dec7 = Instant.parse("2026-12-07T00:00:00Z");
        Instant dec8 = Instant.parse("2026-12-08T00:00:00Z");

        List<TimeSeriesView.Series> early = rate.at(NOV_25);
        assertThat(points(early)).extracting(p -> p.maturity().mature()).containsExactly(false, false, false);
        assertThat(points(early)).extracting(p -> p.maturity().maturesAt()).containsExactly(dec7, dec8,
                Instant.parse("2026-12-09T00:00:00Z"));
        assertThat(points(early)).extracting(p -> p.maturity().horizon()).containsOnly("P14D");
        assertThat(rate.at(dec7.minusSeconds(1))).isSameAs(early);
        assertThat(points(rate.at(dec7))).extracting(p -> p.maturity().mature()).containsExactly(true, false, false);
        assertThat(points(rate.at(dec8))).extracting(p -> p.maturity().mature()).containsExactly(true, true, false);
        // Counts and the rate by now have no horizon: nothing to mature.
        assertThat(points(days.at(NOV_25))).extracting(TimeSeriesView.Point::maturity).containsOnlyNulls();
        var byNow = new SeriesOfAnswer(result(Metric.REMOVAL_RATE_BY_NOW, 0.25, null, 1.0), null, Granularity.DAY,
                new TimeWindow(NOV_22, NOV_25), ZoneOffset.UTC, true, NOV_25);
        assertThat(points(byNow.at(NOV_25))).extracting(TimeSeriesView.Point::maturity).containsOnlyNulls();
    }

    @Test
    void aRateKeepsItsShareAndIsNullWithoutSubmissions() {
        var rate = new SeriesOfAnswer(result(Metric.REMOVAL_RATE, 0.25, null, 1.0), null, Granularity.DAY,
                new TimeWindow(NOV_22, NOV_25), ZoneOffset.UTC, true, NOV_25);
        assertThat(points(rate.at(NOV_25))).extracting(TimeSeriesView.Point::value).containsExactly(0.25, null, 1.0);
    }

    @Test
    void whereTheOffsetMovesByHalfAnHourOneOClockComesTwiceEachAtItsOwnOffset() {
        // Lord Howe, 5 April 2026: at 02:00 +11:00 (15:00 UTC) the clocks go back to 01:30 +10:30.
        Instant oneAtEleven = Instant.parse("2026-04-04T14:00:00Z");
        Instant oneAtTenThirty = Instant.parse("2026-04-04T14:30:00Z");
        Instant twoAtTenThirty = Instant.parse("2026-04-04T15:30:00Z");
        ResolvedMetric resolved = ResolvedMetric.builtIn(Metric.SUBMISSIONS.definition);
        var result = new Answer.Result(resolved, new Answer.Provenance(resolved.key(), resolved.version(),
                resolved.status(), resolved.definitionHash(), "rule", List.of("mv_submission_facts")), null,
                List.of(value(oneAtEleven, 1.0), value(oneAtTenThirty, 2.0), value(twoAtTenThirty, 3.0)));
        var hours = new SeriesOfAnswer(result, null, Granularity.HOUR, new TimeWindow(oneAtEleven,
                Instant.parse("2026-04-04T16:30:00Z")), ZoneId.of("Australia/Lord_Howe"), false, NOV_25);

        assertThat(points(hours.at(NOV_25)))
                .extracting(TimeSeriesView.Point::start, TimeSeriesView.Point::value, TimeSeriesView.Point::from,
                        TimeSeriesView.Point::to)
                .containsExactly(
                        tuple("2026-04-05T01:00+11:00", 1L, oneAtEleven, Instant.parse("2026-04-04T15:00:00Z")),
                        tuple("2026-04-05T01:00+10:30", 2L, Instant.parse("2026-04-04T15:00:00Z"), twoAtTenThirty),
                        tuple("2026-04-05T02:00+10:30", 3L, twoAtTenThirty, Instant.parse("2026-04-04T16:30:00Z")));
    }

    private static List<TimeSeriesView.Point> points(List<TimeSeriesView.Series> series) {
        assertThat(series).hasSize(1);
        assertThat(series.get(0).key()).isNull();
        return series.get(0).points();
    }

    private static Answer.Result result(Metric metric, Double nov22, Double nov23, Double nov24) {
        ResolvedMetric resolved = ResolvedMetric.builtIn(metric.definition);
        var provenance = new Answer.Provenance(resolved.key(), resolved.version(), resolved.status(),
                resolved.definitionHash(), "rule", List.of("mv_daily_rollup"));
        return new Answer.Result(resolved, provenance, resolved.horizon(), List.of(value(NOV_22, nov22),
                value(NOV_23, nov23), value(NOV_24, nov24)));
    }

    private static Answer.Value value(Instant bucket, Double value) {
        return new Answer.Value(0, bucket, Map.of(), value, null, null);
    }
}
