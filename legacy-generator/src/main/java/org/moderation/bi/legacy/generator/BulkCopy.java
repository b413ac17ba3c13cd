package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/** Streams CSV batches into a table with COPY: row-by-row INSERTs would be far too slow for a million posts. */
final class BulkCopy {

    /** Bytes buffered before they are sent, so the server parses one batch while the next is generated. */
    static final int FLUSH_BYTES = 1 << 20;

    /** One open COPY statement that rows are streamed into. */
    final class Stream {
        private final CopyIn copy;
        private final CsvBuffer rows;

        private Stream(CopyIn copy, CsvBuffer rows) {
            this.copy = copy;
            this.rows = rows;
        }

        /** Sends what {@code rows} holds once it is big enough to be worth a write. */
        void flushIfFull() throws SQLException {
            if (rows.length() >= FLUSH_BYTES) {
                send(copy, rows);
            }
        }

        long end() throws SQLException {
            try {
                send(copy, rows);
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    private final CopyManager copyManager;

    BulkCopy(Connection c) throws SQLException {
        this.copyManager = c.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Starts a COPY fed through {@code rows}; nothing else may run on the connection until it ends. */
    Stream open(String copySql, CsvBuffer rows) throws SQLException {
        return new Stream(copyManager.copyIn(copySql), rows);
    }

    /** Sends the buffered rows with one COPY statement and empties the buffer. */
    long load(String copySql, CsvBuffer rows) throws SQLException {
        if (rows.rows() == 0) {
            return 0;
        }
        return open(copySql, rows).end();
    }

    private static void send(CopyIn copy, CsvBuffer rows) throws SQLException {
        if (rows.length() > 0) {
            byte[] bytes = rows.toBytes();
            rows.clear();
            copy.writeToCopy(bytes, 0, bytes.length);
        }
    }
}
