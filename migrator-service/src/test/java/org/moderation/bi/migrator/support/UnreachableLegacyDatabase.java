package org.moderation.bi.migrator.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real target database, and a legacy database address where nothing listens. */
public class UnreachableLegacyDatabase implements QuarkusTestResourceLifecycleManager {

    private String targetUrl;

    @Override
    public Map<String, String> start() {
        targetUrl = TestDatabases.create("it_target");
        return Map.of(
                "quarkus.datasource.jdbc.url", targetUrl,
                "quarkus.datasource.username", TestDatabases.USER,
                "quarkus.datasource.legacy.jdbc.url", "jdbc:postgresql://127.0.0.1:9/legacy",
                "quarkus.datasource.legacy.username", TestDatabases.USER,
                "quarkus.datasource.legacy.jdbc.acquisition-timeout", "3s");
    }

    @Override
    public void stop() {
        TestDatabases.drop(targetUrl);
    }
}
