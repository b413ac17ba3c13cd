package org.moderation.bi.migrator.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The migrator's two external systems for tests: a fresh legacy database (schema from the project's copy of
 * the legacy schema) and a fresh, empty target database, dropped again when the tests end.
 */
public class LegacyAndTargetDatabases implements QuarkusTestResourceLifecycleManager {

    static volatile String legacyUrl;
    static volatile String targetUrl;

    @Override
    public Map<String, String> start() {
        legacyUrl = TestDatabases.create("it_legacy");
        targetUrl = TestDatabases.create("it_target");
        return Map.of(
                "quarkus.datasource.jdbc.url", targetUrl,
                "quarkus.datasource.username", TestDatabases.USER,
                "quarkus.datasource.legacy.jdbc.url", legacyUrl,
                "quarkus.datasource.legacy.username", TestDatabases.USER);
    }

    @Override
    public void stop() {
        TestDatabases.drop(legacyUrl);
        TestDatabases.drop(targetUrl);
    }

    public static String legacyUrl() {
        return legacyUrl;
    }

    public static String targetUrl() {
        return targetUrl;
    }
}
