package org.moderation.bi.migrator.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.compile.CompiledQuery;
import org.moderation.bi.shared.metrics.compile.MetricSqlCompiler;

/**
 * The numbers an operator wants to see after a run: the built-in metrics, compiled by the same compiler the
 * dashboards use, so that they are the dashboards' numbers. "Recent" is the 30 UTC days up to and including today,
 * the window the local stack's overview check asks bi-service for, and each line says so.
 */
@ApplicationScoped
public class HeadlineNumbers {

    static final int RECENT_DAYS = 30;

    /** Submissions, removals, the removal rate's parts, and removals from each takedown source. */
    private static final List<Measure> MEASURES = List.of(BuiltInMetrics.SUBMISSIONS.measure(),
            BuiltInMetrics.REMOVALS.measure(), BuiltInMetrics.REMOVAL_RATE.numerator(),
            BuiltInMetrics.REMOVAL_RATE.denominator(), BuiltInMetrics.removalsFrom("report_flow"),
            BuiltInMetrics.removalsFrom("legacy_fallback"));

    private final AgroalDataSource target;

    public HeadlineNumbers(AgroalDataSource target) {
        this.target = target;
    }

    public String render() throws SQLException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = today.minusDays(RECENT_DAYS - 1);
        var text = new StringBuilder("headline numbers (read model, the dashboards' built-in metrics):\n");
        try (Connection connection = target.getConnection()) {
            // All time: from the epoch to the end of tomorrow (a clock ahead may date a takedown there).
            List<CompiledQuery.Row> allTime = compute(connection, Instant.EPOCH, today.plusDays(2),
                    List.of(List.of(), List.of(Column.PLATFORM, Column.PLATFORM_DETAIL)));
            Double[] total = allTime.stream().filter(r -> r.grouping() == 0).findFirst().orElseThrow().values();
            text.append(String.format("  all time: submitted %,d, removed %,d, removal rate %s, report_flow %,d, "
                    + "legacy_fallback %,d%n", round(total[0]), round(total[1]), percent(total[2], total[3]),
                    round(total[4]), round(total[5])));
            text.append("  all time, by platform:\n");
            allTime.stream().filter(r -> r.grouping() == 1)
                    .sorted(Comparator.comparingDouble((CompiledQuery.Row r) -> r.values()[0]).reversed())
                    .forEach(r -> text.append(String.format("    %-22s %,d submitted, %s removed%n",
                            r.group().get(Column.PLATFORM) + "/" + r.group().get(Column.PLATFORM_DETAIL),
                            round(r.values()[0]), percent(r.values()[2], r.values()[3]))));
            CompiledQuery.Row recent = compute(connection, from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    today.plusDays(1), List.of(List.of())).getFirst();
            text.append(String.format("  submitted %s .. %s (the %d UTC days up to and including today): %,d, "
                    + "removal rate %s%n", from, today, RECENT_DAYS, round(recent.values()[0]),
                    percent(recent.values()[2], recent.values()[3])));
        }
        return text.toString();
    }

    private static List<CompiledQuery.Row> compute(Connection connection, Instant from, LocalDate toExclusive,
            List<List<Column>> groupings) throws SQLException {
        var spec = new MetricSqlCompiler.Spec(from, toExclusive.atStartOfDay(ZoneOffset.UTC).toInstant(),
                ZoneOffset.UTC, null, groupings, List.of(), new MetricSqlCompiler.Scope(true, List.of()), 1_000);
        CompiledQuery query = MetricSqlCompiler.compile(MEASURES, spec, Instant.now());
        try (var statement = connection.prepareStatement(query.sql())) {
            query.bind(statement, 1);
            try (var rows = statement.executeQuery()) {
                return query.read(rows);
            }
        }
    }

    private static long round(Double value) {
        return value == null ? 0 : Math.round(value);
    }

    private static String percent(Double part, Double whole) {
        return whole == null || whole == 0 ? "n/a" : String.format("%.1f %%", 100.0 * part / whole);
    }
}
