package org.moderation.bi.engine.sql;

import java.sql.Connection;
import java.sql.ResultSet;
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

    /** The declarations, read within {@code timeoutSeconds} (0: no limit). */
    public static PreAggregations read(Connection connection, int timeoutSeconds) throws SQLException {
        var declared = new ArrayList<PreAggregation>();
        try (var statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (var rows = statement.executeQuery(READ)) {
                while (rows.next()) {
                    declared.add(declaration(rows));
                }
            }
        }
        return new PreAggregations(declared);
    }

    private static PreAggregation declaration(ResultSet row) throws SQLException {
        String name = row.getString(1);
        Grain unit = Vocabulary.parse(Grain.class, row.getString(4)).orElseThrow(
                () -> new IllegalStateException(name + ": not a unit the engine knows"));
        Set<Column> dimensions = Arrays.stream((String[]) row.getArray(5).getArray()).map(Declarations::dimension)
                .collect(Collectors.toSet());
        Long horizon = row.getObject(6, Long.class);
        return new PreAggregation(name, row.getString(2), row.getString(3), unit, dimensions,
                horizon == null ? null : Duration.ofSeconds(horizon));
    }

    /** A rollup's column as the dimension it keeps: the community by its id, any other by its own name. */
    private static Column dimension(String column) {
        return "community_id".equals(column) ? Column.COMMUNITY : Column.validated(column);
    }
}
