package org.moderation.bi.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/** The catalog's database ends every connection the catalog holds (a restart, a failover): nobody notices. */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class DatabaseConnectionsTest {

    @Test
    void connectionsTheServerEndedAreReplacedBeforeTheNextRequestUsesThem() throws SQLException {
        for (int round = 0; round < 3; round++) {
            given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200);
            assertThat(terminateTheCatalogsConnections()).as("connections ended").isPositive();

            given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics").then().statusCode(200)
                    .body("key", hasItem("submissions"));
            given().auth().oauth2(Tokens.communityManager("north")).get("/api/v1/alert-rules").then().statusCode(200);
        }
    }

    private static int terminateTheCatalogsConnections() throws SQLException {
        try (var connection = CatalogDatabase.connect(); var statement = connection.createStatement();
                var ended = statement.executeQuery("""
                        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()""")) {
            ended.next();
            return ended.getInt(1);
        }
    }
}
