package org.moderation.bi.migrator.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A temporary table of the connection that a chunk's rows are streamed into with PgJDBC's COPY, for one set-based
 * statement over them: no array literals to build and parse, one round trip for any number of rows. Its rows go at
 * the end of the transaction (ON COMMIT DELETE ROWS), so a chunk never sees another's.
 */
final class StagingTable<T> {

    private static final int BUFFER = 64 * 1024;

    private final String name;
    private final String columnsDdl;
    private final List<Function<T, Object>> columns;

    /**
     * @param name       the table's name; a constant of the writer, never input
     * @param columnsDdl its columns as in CREATE TABLE, in the order of {@code columns}
     * @param columns    each column's value of a row: text, a number or an {@link OffsetDateTime}; null is NULL
     */
    StagingTable(String name, String columnsDdl, List<Function<T, Object>> columns) {
        this.name = name;
        this.columnsDdl = columnsDdl;
        this.columns = columns;
    }

    String name() {
        return name;
    }

    /** Creates the table on this connection if it has none yet, and copies the rows into it. */
    void fill(Connection connection, List<T> rows) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + name + " (" + columnsDdl + ") ON COMMIT DELETE ROWS");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + name + " FROM STDIN");
        try {
            var line = new StringBuilder(BUFFER);
            for (T row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    line.append(i == 0 ? "" : "\t");
                    appendValue(line, columns.get(i).apply(row));
                }
                line.append('\n');
                if (line.length() >= BUFFER) {
                    write(copy, line);
                }
            }
            write(copy, line);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder line) throws SQLException {
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        line.setLength(0);
    }

    /** COPY's text format: \N for NULL; backslash, tab, line feed and carriage return escaped. */
    static void appendValue(StringBuilder line, Object value) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        String text = value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }
}
