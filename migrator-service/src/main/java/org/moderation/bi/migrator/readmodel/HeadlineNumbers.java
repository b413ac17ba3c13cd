package org.moderation.bi.migrator.readmodel;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.Scope;
import org.moderation.bi.shared.metrics.Column;

/**
 * The numbers an operator wants to see after a run: the built-in metrics, evaluated by the metric engine like the
 * dashboards' numbers, so that they are the dashboards' numbers. "Recent" is the 30 UTC days up to and including
 * today, the window the local stack's overview check asks bi-service for, and each line says so.
 */
@ApplicationScoped
public class HeadlineNumbers {

    static final int RECENT_DAYS = 30;
    private static final List<List<Column>> TOTAL_AND_PLATFORMS = List.of(List.of(),
            List.of(Column.PLATFORM, Column.PLATFORM_DETAIL));

    private final ReadModelAnswers answers;

    public HeadlineNumbers(ReadModelAnswers answers) {
        this.answers = answers;
    }

    private record Numbers(Answer allTime, Answer recent) {
    }

    public String render() throws SQLException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant from = today.minusDays(RECENT_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Numbers numbers = answers.read(null, snapshot -> new Numbers(
                answers.evaluate(snapshot, Question.grouped(ReadModelAnswers.builtIns(), ReadModelAnswers.FIRST,
                        ReadModelAnswers.LAST, TOTAL_AND_PLATFORMS, List.of(), Scope.everything(), 1_000)),
                answers.evaluate(snapshot, Question.grouped(ReadModelAnswers.builtIns(), from, to,
                        List.of(List.of()), List.of(), Scope.everything(), 1_000))));
        Answer allTime = numbers.allTime();
        Answer.Result bySource = allTime.result(ReadModelAnswers.REMOVALS_BY_SOURCE.key());
        var text = new StringBuilder("headline numbers (read model, the dashboards' built-in metrics):\n");
        text.append(String.format("  all time: submitted %,d, removed %,d, removal rate by now %s, report_flow %,d, "
                        + "legacy_fallback %,d%n", count(allTime, ReadModelAnswers.SUBMISSIONS.key(), 0, Map.of()),
                count(allTime, ReadModelAnswers.REMOVALS.key(), 0, Map.of()),
                percent(allTime.result(ReadModelAnswers.REMOVAL_RATE_BY_NOW.key()).total()),
                round(bySource.at(0, Map.of(Column.TAKEDOWN_SOURCE, "report_flow"))),
                round(bySource.at(0, Map.of(Column.TAKEDOWN_SOURCE, "legacy_fallback")))));
        text.append("  all time, by platform:\n");
        allTime.result(ReadModelAnswers.SUBMISSIONS.key()).values().stream().filter(v -> v.grouping() == 1)
                .sorted(Comparator.comparingDouble((Answer.Value v) -> v.value()).reversed())
                .forEach(v -> text.append(String.format("    %-22s %,d submitted, %s removed%n",
                        v.group().get(Column.PLATFORM) + "/" + v.group().get(Column.PLATFORM_DETAIL),
                        round(v), percent(allTime.result(ReadModelAnswers.REMOVAL_RATE_BY_NOW.key())
                                .at(1, v.group())))));
        Answer recent = numbers.recent();
        text.append(String.format("  submitted %s .. %s (the %d UTC days up to and including today): %,d, "
                        + "removal rate by now %s%n", today.minusDays(RECENT_DAYS - 1), today, RECENT_DAYS,
                count(recent, ReadModelAnswers.SUBMISSIONS.key(), 0, Map.of()),
                percent(recent.result(ReadModelAnswers.REMOVAL_RATE_BY_NOW.key()).total())));
        return text.toString();
    }

    private static long count(Answer answer, String metric, int grouping, Map<Column, String> group) {
        return round(answer.result(metric).at(grouping, group));
    }

    private static long round(Answer.Value value) {
        return value == null || value.value() == null ? 0 : Math.round(value.value());
    }

    /** A share, as the page shows one: 35.7 %. */
    private static String percent(Answer.Value share) {
        return share == null || share.value() == null ? "n/a" : String.format("%.1f %%", 100 * share.value());
    }
}
