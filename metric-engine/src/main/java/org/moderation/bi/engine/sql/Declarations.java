package org.moderation.bi.engine.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.moderation.bi.engine.plan.PreAggregation;
import org.moderation.bi.engine.plan.PreAggregations;
import org.moderation.bi.engine.plan.RollupUnit;
import org.moderation.bi.shared.metrics.Column;

/** The read model's declarations of its pre-aggregations, read as the schema has them. */
public final class Declarations {

    /** Whether the reader may read each declared table: one it may not is no route (never a failed statement). */
    private static final String READ = "SELECT name, relation, time_column, unit, dimensions, "
            + "extract(epoch FROM horizon)::bigint, "
            + "coalesce(has_table_privilege(to_regclass(relation), 'SELECT'), false) "
            + "FROM read_model_rollups ORDER BY name";

    /** The names the engine writes into its statements: plain lower-case identifiers only. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Declarations() {
    }

    /** The declarations, read within {@code timeoutSeconds} (0: no limit). */
    public static PreAggregations read(Connection connection, int timeoutSeconds) throws SQLException {
        var declared = new ArrayList<PreAggregation>();
        var ignored = new ArrayList<String>();
        try (var statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (var rows = statement.executeQuery(READ)) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    Optional<PreAggregation> declaration = declaration(name, rows);
                    if (declaration.isPresent()) {
                        declared.add(declaration.get());
                    } else {
                        ignored.add(name);
                    }
                }
            }
        }
        return new PreAggregations(declared, ignored);
    }

    /** A row as a pre-aggregation, or empty where the engine cannot read it as one. */
    private static Optional<PreAggregation> declaration(String name, ResultSet row) throws SQLException {
        String relation = row.getString(2);
        String timeColumn = row.getString(3);
        Optional<RollupUnit> unit = RollupUnit.declared(row.getString(4));
        List<Optional<Column>> dimensions = Arrays.stream((String[]) row.getArray(5).getArray())
                .map(Declarations::dimension).toList();
        Long horizon = row.getObject(6, Long.class);
        boolean readable = row.getBoolean(7);
        if (!readable || !IDENTIFIER.matcher(relation).matches() || !IDENTIFIER.matcher(timeColumn).matches()
                || unit.isEmpty() || dimensions.stream().anyMatch(d -> d.isEmpty()
                        || !PreAggregation.DIMENSIONS.contains(d.get()))) {
            return Optional.empty();
        }
        return Optional.of(new PreAggregation(name, relation, timeColumn, unit.get(),
                Set.copyOf(dimensions.stream().map(Optional::get).toList()),
                horizon == null ? null : Duration.ofSeconds(horizon)));
    }

    /** A rollup's column as the dimension it keeps: the community by its id, any other by its own name. */
    private static Optional<Column> dimension(String column) {
        return "community_id".equals(column) ? Optional.of(Column.COMMUNITY) : Column.named(column);
    }
}
