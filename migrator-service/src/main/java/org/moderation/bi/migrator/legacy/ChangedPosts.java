package org.moderation.bi.migrator.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/**
 * Which legacy posts a delta must look at: posts or reports updated since the window start (which already reaches
 * back by the overlap, for late commits), posts above every id the target has seen (inserts that came with an old
 * updated_at), and posts in quarantine (retried each run). Sorted and unique.
 */
@ApplicationScoped
public class ChangedPosts {

    private final AgroalDataSource legacy;

    public ChangedPosts(@DataSource("legacy") AgroalDataSource legacy) {
        this.legacy = legacy;
    }

    public long[] since(OffsetDateTime windowFrom, long highestKnownId, List<Long> quarantined) throws SQLException {
        try (Connection connection = legacy.getConnection();
             var statement = connection.prepareStatement("""
                     SELECT id FROM posts WHERE updated_at >= ?
                     UNION SELECT post_id FROM post_reports WHERE updated_at >= ?
                     UNION SELECT id FROM posts WHERE id > ?
                     UNION SELECT unnest(?::bigint[])
                     ORDER BY 1""")) {
            statement.setObject(1, windowFrom);
            statement.setObject(2, windowFrom);
            statement.setLong(3, highestKnownId);
            statement.setArray(4, connection.createArrayOf("int8", quarantined.toArray()));
            try (var rows = statement.executeQuery()) {
                long[] ids = new long[1024];
                int count = 0;
                while (rows.next()) {
                    if (count == ids.length) {
                        ids = Arrays.copyOf(ids, count * 2);
                    }
                    ids[count++] = rows.getLong(1);
                }
                return Arrays.copyOf(ids, count);
            }
        }
    }
}
