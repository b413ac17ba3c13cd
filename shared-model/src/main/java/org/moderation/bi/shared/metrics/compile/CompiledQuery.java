package org.moderation.bi.shared.metrics.compile;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.moderation.bi.shared.metrics.Column;

/**
 * A compiled statement: SQL text assembled from the compiler's constant fragments only, the values to bind to its
 * placeholders in order, the source it reads, how to read its rows back, and how many rows the caller accepts (the
 * statement asks for one more, to tell a complete answer from one cut short).
 */
public record CompiledQuery(String sql, List<Object> parameters, MetricSqlCompiler.Source source,
        List<List<Column>> groupings, List<Column> dimensions, int measures, int rowLimit) {

    /** A value bound as a PostgreSQL array of {@code elementType}. */
    public record ArrayParameter(String elementType, Object[] values) {
    }

    /**
     * One row: which grouping set it belongs to (an index into {@link #groupings}), its bucket (null without a
     * grain), the value of each dimension of that grouping set, and one value per measure (null where the
     * aggregation has none, as a median of nothing). Only groups and buckets some measure counted are read.
     */
    public record Row(int grouping, Instant bucket, Map<Column, String> group, Double[] values) {
    }

    /** Binds the parameters, numbered from {@code first} (a statement may have others before them). */
    public void bind(PreparedStatement statement, int first) throws SQLException {
        bind(statement, first, parameters);
    }

    static void bind(PreparedStatement statement, int first, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof ArrayParameter array) {
                statement.setArray(first + i, statement.getConnection().createArrayOf(array.elementType(),
                        array.values()));
            } else {
                statement.setObject(first + i, parameter);
            }
        }
    }

    /** @throws TooManyRows when the statement found more rows than {@link #rowLimit} */
    public List<Row> read(ResultSet rows) throws SQLException {
        var bits = new ArrayList<Integer>();
        for (List<Column> grouping : groupings) {
            // PostgreSQL's grouping(): a bit per dimension, set where the row is not grouped by it (first is highest).
            int mask = 0;
            for (Column dimension : dimensions) {
                mask = mask << 1 | (grouping.contains(dimension) ? 0 : 1);
            }
            bits.add(mask);
        }
        var result = new ArrayList<Row>();
        int read = 0;
        while (rows.next()) {
            if (++read > rowLimit) {
                throw new TooManyRows(rowLimit);
            }
            int index = bits.indexOf(rows.getInt(1));
            List<Column> grouping = groupings.get(index);
            OffsetDateTime bucket = rows.getObject(2, OffsetDateTime.class);
            var group = new LinkedHashMap<Column, String>();
            for (int d = 0; d < dimensions.size(); d++) {
                if (grouping.contains(dimensions.get(d))) {
                    group.put(dimensions.get(d), rows.getString(3 + d));
                }
            }
            var values = new Double[measures];
            boolean counted = false;
            for (int m = 0; m < measures; m++) {
                double value = rows.getDouble(3 + dimensions.size() + m);
                values[m] = rows.wasNull() ? null : value;
                counted |= values[m] != null && value != 0;
            }
            // A group or bucket that no measure counted is left out, whatever the source: a rollup row exists for
            // counts the measures do not read. The total of a plain sum is always there.
            if (counted || grouping.isEmpty() && bucket == null) {
                result.add(new Row(index, bucket == null ? null : bucket.toInstant(), group, values));
            }
        }
        return result;
    }
}
