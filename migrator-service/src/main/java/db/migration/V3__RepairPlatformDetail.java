package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.moderation.bi.migrator.transform.Platform;
import org.moderation.bi.migrator.transform.PlatformClassifier;

/**
 * Data repair, separate from the schema change V2: recomputes the platform of every submission whose stored
 * value disagrees with what its URL (or, when the URL says nothing, its legacy text) says, with the same
 * {@link PlatformClassifier} the load path uses. Each change is recorded in {@code data_repair_changes}, so
 * U3 can put the old values back, and the number of rows changed in {@code data_repairs}.
 */
public class V3__RepairPlatformDetail extends BaseJavaMigration {

    static final String VERSION = "3";
    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (var register = connection.prepareStatement(
                "INSERT INTO data_repairs (version, description, rows_changed) VALUES (?, ?, 0)")) {
            register.setString(1, VERSION);
            register.setString(2, "platform and platform_detail recomputed from the URL host / legacy platform text");
            register.executeUpdate();
        }
        long changed = 0;
        try (var read = connection.prepareStatement("""
                SELECT s.id, s.url, r.post ->> 'platform', s.platform, s.platform_detail, s.platform_source, s.url_host
                FROM submissions s LEFT JOIN legacy_raw r ON r.submission_id = s.id
                ORDER BY s.id""");
             var update = connection.prepareStatement("""
                UPDATE submissions SET platform = ?, platform_detail = ?, platform_source = ?, url_host = ?
                WHERE id = ?""");
             var record = connection.prepareStatement("""
                INSERT INTO data_repair_changes (version, submission_id, before, after)
                VALUES (?, ?, jsonb_build_object('platform', ?::text, 'platform_detail', ?::text,
                                                 'platform_source', ?::text, 'url_host', ?::text),
                              jsonb_build_object('platform', ?::text, 'platform_detail', ?::text,
                                                 'platform_source', ?::text, 'url_host', ?::text))""")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery()) {
                int pending = 0;
                while (rows.next()) {
                    Platform computed = PlatformClassifier.classify(rows.getString(2), rows.getString(3));
                    String[] before = {rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)};
                    String[] after = {computed.group(), computed.detail().code(), computed.source().code(),
                            computed.urlHost()};
                    if (Arrays.equals(before, after)) {
                        continue;
                    }
                    long id = rows.getLong(1);
                    bind(update, after, id);
                    update.addBatch();
                    record.setString(1, VERSION);
                    record.setLong(2, id);
                    for (int i = 0; i < 4; i++) {
                        record.setString(3 + i, before[i]);
                        record.setString(7 + i, after[i]);
                    }
                    record.addBatch();
                    changed++;
                    if (++pending == BATCH) {
                        update.executeBatch();
                        record.executeBatch();
                        pending = 0;
                    }
                }
                update.executeBatch();
                record.executeBatch();
            }
        }
        try (var count = connection.prepareStatement("UPDATE data_repairs SET rows_changed = ? WHERE version = ?")) {
            count.setLong(1, changed);
            count.setString(2, VERSION);
            count.executeUpdate();
        }
    }

    private static void bind(PreparedStatement update, String[] values, long id) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            update.setString(i + 1, values[i]);
        }
        update.setLong(5, id);
    }
}
