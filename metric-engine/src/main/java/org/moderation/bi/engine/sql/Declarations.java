package org.moderation.bi.engine.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.moderation.bi.engine.plan.PreAggregation;
import org.moderation.bi.engine.plan.PreAggregations;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/** The read model's declarations of its pre-aggregations, read as the schema has them. */
public final class Declarations {

    private static final String READ = "SELECT name, relation, time_column, unit, dimensions, "
            + "extract(epoch FROM horizon)::bigint FROM read_model_rollups ORDER BY name";

    private Declarations() {
    }

    public static PreAggregations read(Connection connection) throws SQLException {
        var declared = new ArrayList<PreAggregation>();
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(READ)) {
            while (rows.next()) {
                String name = rows.getString(1);
                Grain unit = Vocabulary.parse(Grain.class, rows.getString(4)).orElseThrow(
                        () -> new IllegalStateException(name + ": not a unit the engine knows"));
                Set<Column> dimensions = Arrays.stream((String[]) rows.getArray(5).getArray())
                        .map(Declarations::dimension).collect(Collectors.toSet());
                Long horizon = rows.getObject(6, Long.class);
                declared.add(new PreAggregation(name, rows.getString(2), rows.getString(3), unit, dimensions,
                        horizon == null ? null : Duration.ofSeconds(horizon)));
            }
        }
        return new PreAggregations(declared);
    }

    /** A rollup's column as the dimension it keeps: the community by its id, any other by its own name. */
    private static Column dimension(String column) {
        return "community_id".equals(column) ? Column.COMMUNITY : Column.validated(column);
    }
}
