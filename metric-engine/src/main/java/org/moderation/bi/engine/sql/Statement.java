package org.moderation.bi.engine.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;

/**
 * A compiled statement: SQL text assembled from constant fragments only, the values to bind to its placeholders in
 * order, the relations it reads, the measures it computes (one value each, in order), how to read its rows back, and
 * how many rows the caller accepts (the statement asks
 * for one more, to tell a complete answer from one cut short), and how PostgreSQL plans it.
 * <p>
 * Each row: the grouping set it belongs to (PostgreSQL's {@code grouping()} mask), its bucket (null without a grain),
 * one column per dimension of any grouping set, then one value per measure.
 * <p>
 * A statement of sums may group by every dimension at once and leave the grouping sets to {@link #run}, which adds
 * the rows up to each ({@code bySets} is then the same question grouped by PostgreSQL, for when the finest groups
 * are more than the row limit).
 */
public record Statement(String sql, List<Object> parameters, List<String> reads, List<List<Column>> groupings,
        List<Column> dimensions, List<Measure> measures, int rowLimit, Statement bySets, PlanCacheMode planning) {

    /** A value bound as a PostgreSQL array of {@code elementType}. */
    public record ArrayParameter(String elementType, Object[] values) {
    }

    /**
     * One row: which grouping set it belongs to (an index into {@link #groupings}), its bucket (null without a
     * grain), the value of each dimension of that grouping set, and one value per measure (null where the
     * aggregation has none, as a median of nothing).
     */
    public record Row(int grouping, Instant bucket, Map<Column, String> group, Double[] values) {
    }

    public Statement {
        parameters = List.copyOf(parameters);
        reads = List.copyOf(reads);
        measures = List.copyOf(measures);
    }

    /**
     * Runs the statement on the snapshot's connection, planned as {@link #planning} says (a generic plan between the
     * two settings, one round trip). @throws TooManyRows past {@link #rowLimit} rows
     */
    public List<Row> run(Connection connection) throws SQLException {
        boolean generic = planning == PlanCacheMode.GENERIC;
        String text = !generic ? sql
                : planning.statement() + ";\n" + sql + ";\n" + PlanCacheMode.CUSTOM.statement();
        try (PreparedStatement statement = connection.prepareStatement(text)) {
            bind(statement, 1, parameters);
            statement.execute();
            if (generic) {
                statement.getMoreResults();
            }
            try (ResultSet rows = statement.getResultSet()) {
                if (bySets == null) {
                    return read(rows);
                }
                List<Finest> finest = readFinest(rows);
                if (finest != null && !finest.isEmpty()) {
                    return rollUp(finest);
                }
            }
        }
        return bySets.run(connection);
    }

    /** What a measure has over no rows: a count or sum 0, any other aggregation no value. */
    public static Double empty(Measure measure) {
        var aggregation = Vocabulary.parse(Aggregation.class, measure.aggregation()).orElseThrow();
        return aggregation == Aggregation.COUNT || aggregation == Aggregation.COUNT_DISTINCT
                || aggregation == Aggregation.SUM ? 0.0 : null;
    }

    /**
     * Whether a value says more than "no rows", given what its measure has over none ({@link #empty}): a count of 0
     * does not, a median of 0 seconds does.
     */
    public static boolean says(Double value, Double nothing) {
        return value != null && !value.equals(nothing);
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

    private List<Row> read(ResultSet rows) throws SQLException {
        var masks = new ArrayList<Integer>();
        for (List<Column> grouping : groupings) {
            // PostgreSQL's grouping(): a bit per dimension, set where the row is not grouped by it (first is highest).
            int mask = 0;
            for (Column dimension : dimensions) {
                mask = mask << 1 | (grouping.contains(dimension) ? 0 : 1);
            }
            masks.add(mask);
        }
        Double[] nothing = nothing();
        var result = new ArrayList<Row>();
        int read = 0;
        while (rows.next()) {
            if (++read > rowLimit) {
                throw new TooManyRows(rowLimit);
            }
            int index = masks.indexOf(rows.getInt(1));
            List<Column> grouping = groupings.get(index);
            OffsetDateTime bucket = rows.getObject(2, OffsetDateTime.class);
            var group = LinkedHashMap.<Column, String>newLinkedHashMap(grouping.size());
            for (int d = 0; d < dimensions.size(); d++) {
                if (grouping.contains(dimensions.get(d))) {
                    group.put(dimensions.get(d), rows.getString(3 + d));
                }
            }
            var values = new Double[measures.size()];
            for (int m = 0; m < values.length; m++) {
                double value = rows.getDouble(3 + dimensions.size() + m);
                values[m] = rows.wasNull() ? null : value;
            }
            Instant start = bucket == null ? null : bucket.toInstant();
            if (kept(grouping, start, values, nothing)) {
                result.add(new Row(index, start, group, values));
            }
        }
        return result;
    }

    /** What each measure has over no rows ({@link #empty}), in order. */
    private Double[] nothing() {
        return measures.stream().map(Statement::empty).toArray(Double[]::new);
    }

    /**
     * Whether a group's row is part of the answer. A group or bucket that no measure counted is left out, whatever
     * the source: a rollup row exists for counts the measures do not read. The total of a plain sum is always there.
     */
    private static boolean kept(List<Column> grouping, Instant bucket, Double[] values, Double[] nothing) {
        for (int m = 0; m < values.length; m++) {
            if (says(values[m], nothing[m])) {
                return true;
            }
        }
        return grouping.isEmpty() && bucket == null;
    }

    /** A row grouped by every dimension: its bucket, each dimension's value and each measure's sum, in order. */
    private record Finest(Instant bucket, String[] group, double[] sums) {
    }

    /**
     * Rows grouped by every dimension, or null when they are more than the row limit. None leaves the answer to
     * {@code bySets}: only PostgreSQL's grouping sets know whether there is a total over no rows.
     */
    private List<Finest> readFinest(ResultSet rows) throws SQLException {
        var finest = new ArrayList<Finest>();
        while (rows.next()) {
            if (finest.size() == rowLimit) {
                return null;
            }
            OffsetDateTime bucket = rows.getObject(2, OffsetDateTime.class);
            var group = new String[dimensions.size()];
            for (int d = 0; d < group.length; d++) {
                group[d] = rows.getString(3 + d);
            }
            var sums = new double[measures.size()];
            for (int m = 0; m < sums.length; m++) {
                sums[m] = rows.getDouble(3 + group.length + m);
            }
            finest.add(new Finest(bucket == null ? null : bucket.toInstant(), group, sums));
        }
        return finest;
    }

    /**
     * The finest groups' sums (at least one row) added up to each grouping set, as PostgreSQL's grouping sets give
     * them: a group of a set wherever a row falls in it; without a grain, the total of a set without dimensions.
     */
    private List<Row> rollUp(List<Finest> finest) {
        record Group(int grouping, Instant bucket, List<String> values) {
        }
        int[][] positions = groupings.stream().map(this::positions).toArray(int[][]::new);
        var sums = new LinkedHashMap<Group, double[]>();
        for (int g = 0; g < groupings.size(); g++) {
            for (Finest row : finest) {
                var values = new String[positions[g].length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.group()[positions[g][i]];
                }
                double[] sum = sums.computeIfAbsent(new Group(g, row.bucket(), Arrays.asList(values)),
                        k -> new double[measures.size()]);
                for (int m = 0; m < sum.length; m++) {
                    sum[m] += row.sums()[m];
                }
            }
        }
        Double[] nothing = nothing();
        var result = new ArrayList<Row>();
        sums.forEach((group, sum) -> {
            var values = new Double[sum.length];
            for (int m = 0; m < sum.length; m++) {
                values[m] = sum[m];
            }
            List<Column> grouping = groupings.get(group.grouping());
            if (kept(grouping, group.bucket(), values, nothing)) {
                if (result.size() == rowLimit) {
                    throw new TooManyRows(rowLimit);
                }
                var byColumn = new LinkedHashMap<Column, String>();
                for (int i = 0; i < group.values().size(); i++) {
                    byColumn.put(dimensions.get(positions[group.grouping()][i]), group.values().get(i));
                }
                result.add(new Row(group.grouping(), group.bucket(), byColumn, values));
            }
        });
        return result;
    }

    /** Where a grouping set's dimensions are among {@link #dimensions}, in their order there. */
    private int[] positions(List<Column> grouping) {
        return IntStream.range(0, dimensions.size()).filter(d -> grouping.contains(dimensions.get(d)))
                .toArray();
    }
}
