package org.moderation.bi.shared.metrics.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/** An answer is complete or refused: never cut short at the statement's limit. */
class CompiledQueryTest {

    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");

    @Test
    void theStatementAsksForOneRowMoreThanTheCallerAccepts() {
        CompiledQuery query = dailySubmissions(10);

        assertThat(query.parameters().getLast()).isEqualTo(11);
        assertThat(query.rowLimit()).isEqualTo(10);
    }

    @Test
    void asManyRowsAsAcceptedAreAnAnswer() throws Exception {
        assertThat(dailySubmissions(10).read(days(10, 1))).hasSize(10);
    }

    /** Rows the reader leaves out (buckets nothing counted) still count towards the limit: they were cut too. */
    @Test
    void oneRowMoreIsRefusedEvenWhenTheRowsCountedNothing() {
        assertThatThrownBy(() -> dailySubmissions(10).read(days(11, 0))).isInstanceOf(TooManyRows.class)
                .hasMessage("more than 10 rows");
    }

    private static CompiledQuery dailySubmissions(int rowLimit) {
        var spec = new MetricSqlCompiler.Spec(FROM, FROM.plusSeconds(86_400L * 30), ZoneOffset.UTC, Grain.DAY,
                List.of(List.of()), List.of(), new MetricSqlCompiler.Scope(true, List.of()), rowLimit);
        return MetricSqlCompiler.compile(List.of(BuiltInMetrics.SUBMISSIONS.measure()), spec, FROM.plusSeconds(86_400L * 60));
    }

    /** What PostgreSQL answers the statement: one row per day, (grouping bits, bucket, value). */
    private static ResultSet days(int count, double value) {
        int[] row = {0};
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> ++row[0] <= count;
                    case "getInt" -> 0;
                    case "getObject" -> OffsetDateTime.ofInstant(FROM.plusSeconds(86_400L * (row[0] - 1)), ZoneOffset.UTC);
                    case "getDouble" -> value;
                    case "getString" -> null;
                    case "wasNull" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
