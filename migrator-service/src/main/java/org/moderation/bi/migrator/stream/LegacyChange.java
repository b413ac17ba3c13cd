package org.moderation.bi.migrator.stream;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One record of the stream, as the migrator reads it: a legacy transaction begins, a row of a table the migrator
 * reads changed, the transaction ends (committed), or something without data (a heartbeat). A change names only the
 * posts it touches: the batch reads them again from the legacy database, so the stream carries no row values into
 * the target, and a change delivered twice cannot apply an older state.
 */
sealed interface LegacyChange {

    record Begin(long txId, Instant committedAt) implements LegacyChange {
    }

    /**
     * @param postId   the post the row is (posts), or belongs to after the change (post_reports; null for a deleted
     *                 report: a deleted row's record carries only its key, the rest of its columns are placeholders)
     * @param reportId the report's id (post_reports only)
     */
    record Row(long txId, long lsn, Table table, boolean deleted, Long postId, Long reportId) implements LegacyChange {
    }

    record End(long txId, long commitLsn, Instant committedAt) implements LegacyChange {
    }

    record Other() implements LegacyChange {
    }

    enum Table {
        POSTS, POST_REPORTS, COMMUNITIES, APP_USERS, NONE;

        static Table of(String name) {
            return switch (name) {
                case "posts" -> POSTS;
                case "post_reports" -> POST_REPORTS;
                case "communities" -> COMMUNITIES;
                case "app_users" -> APP_USERS;
                default -> NONE;
            };
        }
    }

    /** Reads a Debezium PostgreSQL record (transaction metadata on, tombstones off). */
    static LegacyChange of(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        if (!(record.value() instanceof Struct value)) {
            return new Other();
        }
        if (record.topic().endsWith(".transaction") && value.schema().field("status") != null) {
            long txId = number(offset, "txId");
            return switch (value.getString("status")) {
                case "BEGIN" -> new Begin(txId, Instant.ofEpochMilli(value.getInt64("ts_ms")));
                case "END" -> new End(txId, number(offset, "lsn_commit"),
                        Instant.ofEpochMilli(value.getInt64("ts_ms")));
                default -> new Other();
            };
        }
        if (value.schema().field("source") == null || value.schema().field("op") == null) {
            return new Other();
        }
        Struct source = value.getStruct("source");
        Table table = Table.of(source.getString("table"));
        Struct key = record.key() instanceof Struct k ? k : null;
        Struct after = value.getStruct("after");
        Long postId = switch (table) {
            case POSTS -> id(key, "id");
            case POST_REPORTS -> id(after, "post_id");
            default -> null;
        };
        Long reportId = table == Table.POST_REPORTS ? id(key, "id") : null;
        return new Row(source.getInt64("txId"), source.getInt64("lsn"), table, "d".equals(value.getString("op")),
                postId, reportId);
    }

    private static Long id(Struct row, String column) {
        if (row == null) {
            return null;
        }
        Field field = row.schema().field(column);
        return field == null ? null : (Long) row.get(field);
    }

    private static long number(Map<String, ?> offset, String key) {
        return ((Number) offset.get(key)).longValue();
    }
}
