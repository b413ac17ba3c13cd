package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Streams {@link SubmissionFact}s in legacy-id order from a query with the columns of {@link SubmissionFact}, whose
 * parameters are arrays of legacy ids.
 */
final class FactCursor implements AutoCloseable {

    private static final int FETCH = 10_000;

    private final PreparedStatement statement;
    private final ResultSet rows;

    FactCursor(Connection connection, String sql, Long[]... idArrays) throws SQLException {
        statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH);
        for (int i = 0; i < idArrays.length; i++) {
            statement.setArray(i + 1, connection.createArrayOf("int8", idArrays[i]));
        }
        rows = statement.executeQuery();
    }

    /** The next fact, or null at the end. */
    SubmissionFact next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        return new SubmissionFact(rows.getLong(1), rows.getObject(2, OffsetDateTime.class), rows.getString(3),
                rows.getString(4), rows.getObject(5, OffsetDateTime.class), rows.getString(6));
    }

    @Override
    public void close() throws SQLException {
        try (statement; rows) {
            // both closed by try-with-resources
        }
    }
}
