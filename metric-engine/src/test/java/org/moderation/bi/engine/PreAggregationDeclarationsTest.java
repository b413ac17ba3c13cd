package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.plan.Counter;
import org.moderation.bi.engine.plan.PreAggregation;
import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Vocabulary;

/** The engine's pre-aggregations are the ones the read model declares and Flyway creates, column for column. */
class PreAggregationDeclarationsTest {

    private static ReadModelDatabase database;

    @BeforeAll
    static void readModel() {
        database = ReadModelDatabase.create();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void theEnginesDeclarationsAreTheReadModels() throws Exception {
        var declared = new ArrayList<String>();
        try (var connection = database.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT name, relation, time_column, unit, array_to_string(dimensions, ','), "
                     + "extract(epoch FROM horizon)::bigint FROM read_model_rollups ORDER BY name")) {
            while (rows.next()) {
                declared.add(String.join(" ", rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), String.valueOf(rows.getObject(6))));
            }
        }
        var engine = Arrays.stream(PreAggregation.values()).map(p -> String.join(" ", p.declaredName(), p.relation(),
                        p.timeColumn(), Vocabulary.jsonName(p.unit()), String.join(",", Arrays.stream(Column.values())
                                .filter(p.dimensions()::contains).map(PreAggregationDeclarationsTest::column).toList()),
                        p.horizon() == null ? "null" : String.valueOf(p.horizon().toSeconds())))
                .sorted().toList();
        assertThat(declared).isEqualTo(engine);
    }

    @Test
    void everyRollupKeepsItsBucketItsDimensionsAndEveryCounter() throws Exception {
        for (PreAggregation rollup : PreAggregation.values()) {
            var expected = new ArrayList<String>();
            expected.add(rollup.timeColumn());
            Arrays.stream(Column.values()).filter(rollup.dimensions()::contains)
                    .forEach(c -> expected.add(column(c)));
            Arrays.stream(Counter.values()).forEach(c -> expected.add(c.column()));
            for (String relation : List.of(rollup.relation(), rollup.declaredName() + "_rollup_now")) {
                assertThat(columns(relation)).as(relation).isEqualTo(expected);
            }
        }
    }

    private static String column(Column dimension) {
        return dimension == Column.COMMUNITY ? "community_id" : dimension.jsonName();
    }

    private static List<String> columns(String relation) throws Exception {
        var columns = new ArrayList<String>();
        try (var connection = database.connect(); var statement = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, relation);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }
}
