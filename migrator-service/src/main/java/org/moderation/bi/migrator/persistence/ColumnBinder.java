package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Binds a chunk column by column as PostgreSQL arrays, for set-based statements over {@code unnest(...)}: one
 * round trip per table per chunk, and every value a bound parameter. Times travel as ISO text and are cast in SQL.
 */
final class ColumnBinder<T> {

    private final Connection connection;
    private final PreparedStatement statement;
    private final List<T> rows;
    private int index = 1;

    private ColumnBinder(Connection connection, PreparedStatement statement, List<T> rows) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
    }

    static <T> ColumnBinder<T> of(Connection connection, PreparedStatement statement, List<T> rows) {
        return new ColumnBinder<>(connection, statement, rows);
    }

    ColumnBinder<T> bigints(Function<T, ? extends Number> column) throws SQLException {
        Long[] values = new Long[rows.size()];
        for (int i = 0; i < values.length; i++) {
            Number value = column.apply(rows.get(i));
            values[i] = value == null ? null : value.longValue();
        }
        statement.setArray(index++, connection.createArrayOf("int8", values));
        return this;
    }

    ColumnBinder<T> texts(Function<T, String> column) throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        statement.setArray(index++, connection.createArrayOf("text", values));
        return this;
    }

    ColumnBinder<T> times(Function<T, OffsetDateTime> column) throws SQLException {
        return texts(row -> {
            OffsetDateTime value = column.apply(row);
            return value == null ? null : value.toString();
        });
    }

    ColumnBinder<T> bigint(long value) throws SQLException {
        statement.setLong(index++, value);
        return this;
    }
}
