package org.moderation.bi.migrator.support;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The migrator's databases for tests that stream: as {@link LegacyAndTargetDatabases}, on a server with
 * {@code wal_level=logical} ({@code .ci/run} sets it; without it these tests fail, never skip), with a slot and a
 * publication named after the test's own legacy database, so that runs sharing a server never share a slot.
 */
public class StreamingDatabases extends LegacyAndTargetDatabases {

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(super.start());
        try {
            String walLevel = TestDatabases.text(legacyUrl(), "SHOW wal_level");
            if (!"logical".equals(walLevel)) {
                throw new IllegalStateException("the test PostgreSQL server runs with wal_level=" + walLevel
                        + ": streaming tests need wal_level=logical (.ci/run sets it: ALTER SYSTEM SET wal_level = "
                        + "logical, then restart the server)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        config.put("migrator.stream.enabled", "true");
        config.put("migrator.stream.slot", slot());
        config.put("migrator.stream.publication", slot());
        config.put("migrator.stream.retry-every", "1s");
        config.put("migrator.stream.poll-interval", "20ms");
        config.put("migrator.stream.merge-pending-every", "0s");
        return config;
    }

    /** The slot's and the publication's name: the legacy database's. */
    public static String slot() {
        return legacyUrl().substring(legacyUrl().lastIndexOf('/') + 1);
    }
}
