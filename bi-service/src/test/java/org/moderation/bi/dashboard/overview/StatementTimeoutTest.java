package org.moderation.bi.dashboard.overview;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.Tokens;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
@TestProfile(StatementTimeoutTest.ShortTimeoutOneConnection.class)
class StatementTimeoutTest {

    /** A short timeout, and one pooled connection so the next query provably reuses the one that timed out. */
    public static class ShortTimeoutOneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bi.statement-timeout", "300ms", "quarkus.datasource.jdbc.max-size", "1",
                    "quarkus.datasource.jdbc.min-size", "0");
        }
    }

    @Inject
    AgroalDataSource readModel;

    @Inject
    ReadModelFreshness freshness;

    @Inject
    ReadModel snapshots;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        freshness.poll();
    }

    @Test
    void aQueryThatRunsTooLongIsA503AndTheTimeoutDoesNotLeakToThePool() throws Exception {
        try (Connection blocker = ReadModelDatabase.connect()) {
            blocker.setAutoCommit(false);
            // A schema change holds an exclusive lock on the read model until its transaction ends.
            blocker.createStatement().execute("LOCK TABLE mv_submission_facts, mv_monthly_by_platform_rollup, "
                    + "mv_monthly_by_community_rollup IN ACCESS EXCLUSIVE MODE");

            given().auth().oauth2(Tokens.superadmin()).get("/api/v1/overview?from=2024-05-01&to=2024-06-01")
                    .then().statusCode(503).body("error", equalTo("query_timeout"))
                    .body("message", org.hamcrest.Matchers.containsString("within 300 ms"));

            blocker.rollback();
        }
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/overview?from=2024-05-01&to=2024-06-01")
                .then().statusCode(200).body("submissions", equalTo(5));
        try (Connection pooled = readModel.getConnection(); var statement = pooled.createStatement();
             var rows = statement.executeQuery("SHOW statement_timeout")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("0");
        }
    }

    @Test
    void aListOfSubmissionsIsCutByTheTimeoutToo() throws Exception {
        String list = "/api/v1/submissions?from=2024-05-01&to=2024-06-01&measure=removed";
        try (Connection blocker = ReadModelDatabase.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE mv_submission_facts IN ACCESS EXCLUSIVE MODE");

            // What the service logged of a database error, should it answer one: the failure then says which.
            var logged = new CopyOnWriteArrayList<String>();
            var watcher = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getThrown() != null) {
                        logged.add(record.getLoggerName() + ": " + record.getThrown());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger.getLogger("").addHandler(watcher);
            try {
                String error = given().auth().oauth2(Tokens.superadmin()).get(list).then().statusCode(503).extract()
                        .path("error");
                assertThat(error).as(() -> "logged: " + logged).isEqualTo("query_timeout");
            } finally {
                Logger.getLogger("").removeHandler(watcher);
            }

            blocker.rollback();
        }
        given().auth().oauth2(Tokens.superadmin()).get(list).then().statusCode(200).body("total", equalTo(3));
    }

    @Test
    void aSearchPastTheBudgetIsA422ThatSaysHowToNarrowIt() throws Exception {
        String list = "/api/v1/submissions?from=2024-05-01&to=2024-06-01&measure=submitted&q=followers";
        try (Connection blocker = ReadModelDatabase.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE mv_submission_search IN ACCESS EXCLUSIVE MODE");

            given().auth().oauth2(Tokens.superadmin()).get(list).then().statusCode(422)
                    .body("error", equalTo("search_too_broad"))
                    .body("message", org.hamcrest.Matchers.containsString("narrow it"));

            blocker.rollback();
        }
        given().auth().oauth2(Tokens.superadmin()).get(list).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aMetricQueryIsCutByTheTimeoutTooAndTheNextQueryHasTheDefault() throws Exception {
        CatalogStub.up();
        var byDay = Map.of("from", "2016-01-01", "to", "2024-06-01", "granularity", "day",
                "groupBy", java.util.List.of("platform", "platform_detail", "community"));
        try (Connection blocker = ReadModelDatabase.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE mv_submission_facts IN ACCESS EXCLUSIVE MODE");

            given().auth().oauth2(Tokens.superadmin()).contentType(io.restassured.http.ContentType.JSON).body(byDay)
                    .post("/api/v1/metrics/median_time_to_takedown/query")
                    .then().statusCode(503).body("error", equalTo("query_timeout"));

            blocker.rollback();
        }
        try (Connection pooled = readModel.getConnection(); var statement = pooled.createStatement();
             var rows = statement.executeQuery("SHOW statement_timeout")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("0");
        }
        given().auth().oauth2(Tokens.superadmin()).contentType(io.restassured.http.ContentType.JSON).body(byDay)
                .post("/api/v1/metrics/median_time_to_takedown/query").then().statusCode(200);
    }

    @Test
    void aSnapshotsSettingsEndWithIt() throws Exception {
        // The engine's SnapshotSettingsTest sees the settings inside a snapshot; here, the one pooled connection after.
        Map<String, String> names = snapshots.read(null, null, snapshot -> snapshot.communityNames());
        assertThat(names).containsEntry("north", "North");

        // Nothing is set for the session either: a transaction-mode pooler would hand it to other clients.
        try (Connection pooled = readModel.getConnection(); var statement = pooled.createStatement();
             var rows = statement.executeQuery("SELECT current_setting('statement_timeout'), "
                     + "current_setting('plan_cache_mode'), current_setting('default_transaction_read_only')")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("0");
            assertThat(rows.getString(2)).isEqualTo("auto");
            assertThat(rows.getString(3)).isEqualTo("off");
        }
    }

    @Test
    void theServiceCannotWriteToTheDatabase() throws SQLException {
        try (Connection pooled = readModel.getConnection()) {
            // Any transaction on the read model, not only a snapshot's, is begun READ ONLY by the driver.
            pooled.setAutoCommit(false);
            try (var statement = pooled.createStatement()) {
                assertThatThrownBy(() -> statement.execute("DELETE FROM submissions"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
            } finally {
                pooled.rollback();
                pooled.setAutoCommit(true);
            }
            // Outside a transaction, the service's role may only read.
            try (var statement = pooled.createStatement()) {
                assertThatThrownBy(() -> statement.execute("DELETE FROM submissions"))
                        .isInstanceOf(SQLException.class).hasFieldOrPropertyWithValue("SQLState", "42501");
            }
        }
    }

    @Test
    void theDatabaseRefusesTheServiceUsersWritesEvenWithoutTheDriversGuard() throws SQLException {
        String url = readModel.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl();
        try (Connection direct = DriverManager.getConnection(url, ReadModelDatabase.serviceUser, null);
             var statement = direct.createStatement()) {
            for (String write : new String[] {"DELETE FROM submissions", "UPDATE read_model_version SET version = 0",
                    "DELETE FROM mv_submission_facts", "SELECT refresh_submission_facts()",
                    "SELECT apply_submission_facts('{1}')", "CREATE TABLE leak (id int)"}) {
                assertThatThrownBy(() -> statement.execute(write)).as(write)
                        .isInstanceOf(SQLException.class).hasFieldOrPropertyWithValue("SQLState", "42501");
            }
        }
    }
}
