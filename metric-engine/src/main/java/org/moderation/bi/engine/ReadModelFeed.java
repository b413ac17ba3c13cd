package org.moderation.bi.engine;

import java.sql.SQLException;

/** How the migrator keeps the read model current (live from the change stream, or polled), in its own words. */
public record ReadModelFeed(boolean live, String words) {

    /** Before the migrator ever said. */
    public static final ReadModelFeed UNKNOWN = new ReadModelFeed(false, null);

    static ReadModelFeed read(Snapshot snapshot) throws SQLException {
        try (var statement = snapshot.connection().createStatement();
             var rows = statement.executeQuery("SELECT live, freshness FROM stream_freshness")) {
            return rows.next() ? new ReadModelFeed(rows.getBoolean(1), rows.getString(2)) : UNKNOWN;
        }
    }
}
