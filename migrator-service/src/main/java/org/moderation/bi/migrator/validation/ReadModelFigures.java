package org.moderation.bi.migrator.validation;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.Scope;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.migrator.readmodel.ReadModelAnswers;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * The business figures as the dashboards get them: the built-in metrics evaluated by the metric engine, in one
 * snapshot, leaving out the submissions of quarantined posts as the legacy side does, with "removed by now" counted as
 * of the legacy snapshot's clock.
 */
@ApplicationScoped
public class ReadModelFigures {

    private static final int ROWS = 100_000;

    private final ReadModelAnswers answers;

    public ReadModelFigures(ReadModelAnswers answers) {
        this.answers = answers;
    }

    /** @param leftOut quarantined legacy posts, left out as on the legacy side */
    public BusinessFigures read(Long[] leftOut, RateWindow window) throws SQLException {
        return answers.read(window.asOf().toInstant(), snapshot -> {
            List<Filter> filters = leftOut(snapshot, leftOut);
            Answer allTime = answers.evaluate(snapshot, Question.grouped(ReadModelAnswers.builtIns(),
                    ReadModelAnswers.FIRST, ReadModelAnswers.LAST, List.of(List.of(), List.of(Column.COMMUNITY)),
                    filters, Scope.everything(), ROWS));
            Answer byMonth = answers.evaluate(snapshot, new Question(List.of(ReadModelAnswers.REMOVALS),
                    ReadModelAnswers.FIRST, ReadModelAnswers.LAST, ZoneOffset.UTC, Grain.MONTH, false,
                    List.of(List.of()), filters, Scope.everything(), ROWS));
            Answer rate = answers.evaluate(snapshot, Question.grouped(List.of(ReadModelAnswers.REMOVAL_RATE_BY_NOW),
                    window.fromTime().toInstant(), window.toTime().toInstant(), List.of(List.of()), filters,
                    Scope.everything(), ROWS));
            return figures(allTime, byMonth, rate, window);
        });
    }

    private static BusinessFigures figures(Answer allTime, Answer byMonth, Answer rate, RateWindow window) {
        var removedByMonth = new TreeMap<String, Long>();
        for (Answer.Value month : byMonth.result(ReadModelAnswers.REMOVALS.key()).values()) {
            putIfAny(removedByMonth, month.bucket().atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7),
                    count(month));
        }
        var removedBySource = new TreeMap<String, Long>();
        for (Answer.Value source : allTime.result(ReadModelAnswers.REMOVALS_BY_SOURCE.key()).values()) {
            if (source.grouping() == 0) {
                putIfAny(removedBySource, source.group().get(Column.TAKEDOWN_SOURCE), count(source));
            }
        }
        var byCommunity = new TreeMap<String, Long>();
        for (Answer.Value community : allTime.result(ReadModelAnswers.SUBMISSIONS.key()).values()) {
            if (community.grouping() == 1) {
                String slug = community.group().get(Column.COMMUNITY);
                putIfAny(byCommunity, slug == null ? BusinessFigures.NO_COMMUNITY : slug, count(community));
            }
        }
        Answer.Value share = rate.result(ReadModelAnswers.REMOVAL_RATE_BY_NOW.key()).total();
        return new BusinessFigures(count(allTime.result(ReadModelAnswers.SUBMISSIONS.key()).total()),
                count(allTime.result(ReadModelAnswers.REMOVALS.key()).total()), removedByMonth, removedBySource,
                window.rate(Math.round(share.denominator()), Math.round(share.numerator())), byCommunity);
    }

    /** A filter leaving out the submissions of these legacy posts; none when there are none. */
    private static List<Filter> leftOut(Snapshot snapshot, Long[] legacyIds) throws SQLException {
        if (legacyIds.length == 0) {
            return List.of();
        }
        List<Object> submissions = List.copyOf(snapshot.submissionsOfLegacyPosts(Arrays.asList(legacyIds)));
        return submissions.isEmpty() ? List.of()
                : List.of(new Filter(Column.SUBMISSION_ID.jsonName(), "not_in", null, submissions));
    }

    private static long count(Answer.Value value) {
        return value == null || value.value() == null ? 0 : Math.round(value.value());
    }

    private static void putIfAny(Map<String, Long> map, String key, long value) {
        if (value != 0) {
            map.put(key, value);
        }
    }
}
