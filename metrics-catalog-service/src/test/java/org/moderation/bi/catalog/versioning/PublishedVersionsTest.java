package org.moderation.bi.catalog.versioning;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A published version never changes, and no version is ever deleted, even by SQL beside the service: one trigger
 * guards every table of versions the catalog keeps (tried on the built-ins, published at start).
 */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
class PublishedVersionsTest {

    /** Each table of versions, and the condition that picks a published version in it. */
    private static final Map<String, String> PUBLISHED = Map.of(
            "metric_versions", "metric_id = (SELECT id FROM catalog.metrics WHERE metric_key = 'submissions')",
            "dashboard_versions", "dashboard_id = (SELECT id FROM catalog.dashboards WHERE dashboard_key = 'overview')");

    @Test
    void aPublishedVersionCannotBeChangedNorAnyVersionDeletedEvenInTheDatabase() throws SQLException {
        try (var connection = CatalogDatabase.connect(); var statement = connection.createStatement()) {
            for (var table : PUBLISHED.entrySet()) {
                String versions = "catalog." + table.getKey();
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE " + versions
                        + " SET definition = '{}'::jsonb WHERE " + table.getValue()))
                        .as(versions).hasMessageContaining("cannot change");
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE " + versions
                        + " SET status = 'draft' WHERE " + table.getValue()))
                        .as(versions).hasMessageContaining("cannot go from published back to draft");
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM " + versions))
                        .as(versions).hasMessageContaining("never deleted");
            }
        }
    }
}
