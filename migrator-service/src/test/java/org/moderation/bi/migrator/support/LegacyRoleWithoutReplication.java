package org.moderation.bi.migrator.support;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Streaming databases whose legacy datasource connects as a role that may read but not stream (no REPLICATION
 * attribute), as on a managed server where nobody granted it yet; scheduled deltas every 5 minutes.
 */
public class LegacyRoleWithoutReplication extends StreamingDatabases {

    private String role;

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(super.start());
        role = slot() + "_reader";
        try {
            TestDatabases.execute(legacyUrl(), "CREATE ROLE " + role + " LOGIN NOREPLICATION");
            TestDatabases.execute(legacyUrl(), "GRANT USAGE ON SCHEMA public TO " + role);
            TestDatabases.execute(legacyUrl(), "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO "
                    + role);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        config.put("quarkus.datasource.legacy.username", role);
        config.put("migrator.delta.cron", "0 */5 * * * ?");
        return config;
    }

    @Override
    public void stop() {
        super.stop();
        try {
            TestDatabases.execute(targetUrl().substring(0, targetUrl().lastIndexOf('/') + 1) + "postgres",
                    "DROP ROLE IF EXISTS " + role);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
