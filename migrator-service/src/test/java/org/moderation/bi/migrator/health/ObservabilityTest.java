package org.moderation.bi.migrator.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.moderation.bi.migrator.load.MassDeletionRefused;
import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class ObservabilityTest {

    @Inject
    MigrationRunner runner;

    @BeforeEach
    void freshDatabases() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
    }

    @Test
    void withoutASuccessfulRunTheMigratorIsUnwellButAliveAndReady() {
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'last-successful-run' }.data.lastSuccess", equalTo("never"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        // Never is infinitely long ago, so the alert's threshold fires on it.
        metricsShow("migrator_last_success_age_seconds +Inf", "migrator_latest_run_failed 0.0");
    }

    @Test
    void aFailedRunShowsUntilARunSucceedsAndTheReadModelRecordsWhenItWasVerified() throws Exception {
        runner.run(RunKind.FULL);
        String verified = TargetDatabase.text("SELECT verified_at::text FROM read_model_version");
        assertThat(verified).as("verified by the full load").isNotNull();
        LegacyFixture.execute("TRUNCATE posts CASCADE");
        assertThatThrownBy(() -> runner.run(RunKind.DELTA)).isInstanceOf(MassDeletionRefused.class);

        metricsShow("migrator_latest_run_failed 1.0");
        assertThat(TargetDatabase.text("SELECT verified_at::text FROM read_model_version")).isEqualTo(verified);

        LegacyFixture.regenerate();
        runner.run(RunKind.DELTA);

        metricsShow("migrator_latest_run_failed 0.0");
        assertThat(TargetDatabase.count("SELECT count(*) FROM read_model_version WHERE verified_at > ?::timestamptz",
                verified)).isEqualTo(1);
    }

    @Test
    void aSuccessfulRunMakesItWellAndShowsInTheMetrics() throws Exception {
        runner.run(RunKind.FULL);

        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'last-successful-run' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'last-audit' }.data.passed", equalTo(true))
                .body("checks.find { it.name == 'deletion-guard' }.status", equalTo("UP"));
        metricsShow("migrator_run_duration_seconds_count{kind=\"full\",status=\"succeeded\"}",
                "migrator_run_posts_written_total{kind=\"full\"}", "migrator_reconciliation_duration_seconds_count",
                "migrator_audit_last_passed 1.0", "migrator_mass_delete_refused 0.0",
                "migrator_read_model_version_age_seconds", "migrator_last_success_age_seconds");
    }

    /**
     * Waits until a scrape shows every line: the gauges read the state from the database, and on a loaded machine a
     * scrape may come back with NaN (and a warning in the log saying why) before it shows the state.
     */
    private static void metricsShow(String... lines) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(scrape).contains(lines);
        });
    }
}
