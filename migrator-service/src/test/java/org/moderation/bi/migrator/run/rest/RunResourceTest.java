package org.moderation.bi.migrator.run.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.migrator.support.TargetDatabase;
import org.moderation.bi.testsupport.Tokens;
import org.moderation.bi.shared.security.Roles;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
@WithTestResource(OidcServer.class)
class RunResourceTest {

    private static final String ADMIN = Tokens.withRoles(Roles.SUPERADMIN);

    @Inject
    MigrationRunner runner;

    @BeforeEach
    void freshDatabases() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
    }

    /** Every endpoint of the admin API, as a request without credentials. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST /api/v1/runs", (Endpoint) spec -> spec.contentType(ContentType.JSON)
                        .body("{\"kind\":\"delta\"}").post("/api/v1/runs").statusCode()),
                Arguments.of("GET /api/v1/runs", (Endpoint) spec -> spec.get("/api/v1/runs").statusCode()),
                Arguments.of("GET /api/v1/runs/1", (Endpoint) spec -> spec.get("/api/v1/runs/1").statusCode()),
                Arguments.of("POST /api/v1/read-model/refresh",
                        (Endpoint) spec -> spec.post("/api/v1/read-model/refresh").statusCode()),
                Arguments.of("GET /api/v1/stream", (Endpoint) spec -> spec.get("/api/v1/stream").statusCode()),
                Arguments.of("POST /api/v1/stream/pause",
                        (Endpoint) spec -> spec.post("/api/v1/stream/pause").statusCode()),
                Arguments.of("POST /api/v1/stream/resume", (Endpoint) spec -> spec.contentType(ContentType.JSON)
                        .body("{\"allowMassDelete\":false}").post("/api/v1/stream/resume").statusCode()),
                Arguments.of("POST /api/v1/stream/slot/recreate",
                        (Endpoint) spec -> spec.post("/api/v1/stream/slot/recreate").statusCode()),
                Arguments.of("DELETE /api/v1/stream/slot",
                        (Endpoint) spec -> spec.delete("/api/v1/stream/slot").statusCode()));
    }

    @FunctionalInterface
    interface Endpoint {
        int call(RequestSpecification spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void deniesEveryoneButSuperadmins(String name, Endpoint endpoint) {
        assertThat(endpoint.call(given())).as("no token").isEqualTo(401);
        List<Supplier<String>> invalid = List.of(Tokens::badSignature,
                Tokens::wrongIssuer, Tokens::expired,
                Tokens::unsigned, () -> "not-a-token");
        for (Supplier<String> token : invalid) {
            assertThat(endpoint.call(given().auth().oauth2(token.get()))).as("invalid token").isEqualTo(401);
        }
        assertThat(endpoint.call(given().auth().oauth2(Tokens.withRoles(Roles.COMMUNITY_MANAGER))))
                .as("community manager").isEqualTo(403);
        assertThat(endpoint.call(given().auth().oauth2(Tokens.withRoles()))).as("no role").isEqualTo(403);
    }

    /** The routes are public knowledge (/q/openapi lists them), so an unknown one is a 404 for anyone. */
    @Test
    void anUnknownApiPathIsA404ForAnyone() {
        given().get("/api/v1/anything").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void theStreamSaysItIsOffAndHowFreshTheNumbersAreThen() {
        // The service says so at start and with every heartbeat (the test's reset of the target wipes it).
        await().atMost(Duration.ofMinutes(1)).until(() -> given().auth().oauth2(ADMIN).get("/api/v1/stream").then()
                .extract().<String>path("reason").contains("migrator.stream.enabled=false"));
        given().auth().oauth2(ADMIN).get("/api/v1/stream").then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("status", equalTo("stopped"))
                .body("live", equalTo(false))
                .body("freshness", equalTo("no scheduled polling"))
                .body("reason", containsString("migrator.stream.enabled=false"));
    }

    @Test
    void startsAFullRunThatFinishesWithProgressAndValidation() {
        int id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":\"full\"}")
                .post("/api/v1/runs")
                .then().statusCode(202)
                .header("Location", "/api/v1/runs/" + given().auth().oauth2(ADMIN).get("/api/v1/runs")
                        .then().extract().path("items[0].id"))
                .body("kind", equalTo("full"))
                .body("window.to", notNullValue())
                .extract().path("id");

        await().atMost(Duration.ofMinutes(2)).until(() -> !"running".equals(
                given().auth().oauth2(ADMIN).get("/api/v1/runs/" + id).then().extract().path("status")));

        given().auth().oauth2(ADMIN).get("/api/v1/runs/" + id).then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("counts.postsRead", equalTo(LegacyFixture.POSTS))
                .body("counts.postsTotal", equalTo(LegacyFixture.POSTS))
                .body("progress.percent", equalTo(100.0f))
                .body("progress.postsPerSecond", greaterThanOrEqualTo(1.0f))
                .body("progress.secondsLeft", equalTo(0))
                .body("counts.submissionsWritten", equalTo(LegacyFixture.POSTS))
                .body("massDeleteRefused", equalTo(false))
                .body("reconciliation.buckets", greaterThanOrEqualTo(1))
                .body("reconciliation.bucketsDiffering", equalTo(0))
                .body("validation.check", hasItems("removed_total", "per_submission_facts", "read_model_facts_match_rule"))
                .body("validation.find { it.check == 'removed_total' }.outcome", equalTo("passed"));
        given().auth().oauth2(ADMIN).get("/api/v1/runs?page=0&size=5").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
    }

    @Test
    void aDeltaWithNothingToDoIsAtOneHundredPercentAndItsCountsAddUp() throws Exception {
        runner.run(RunKind.FULL);
        int id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":\"delta\"}")
                .post("/api/v1/runs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofMinutes(1)).until(() -> !"running".equals(
                given().auth().oauth2(ADMIN).get("/api/v1/runs/" + id).then().extract().path("status")));

        var run = given().auth().oauth2(ADMIN).get("/api/v1/runs/" + id).then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("progress.percent", equalTo(100.0f))
                .body("progress.secondsLeft", equalTo(0))
                .extract().jsonPath();
        int read = run.getInt("counts.postsRead");
        assertThat(read).isEqualTo(run.getInt("counts.submissionsWritten") + run.getInt("counts.postsUnchanged")
                + run.getInt("counts.quarantined") + run.getInt("counts.submissionsSoftDeleted"));
        assertThat(run.getInt("counts.postsTotal")).isGreaterThanOrEqualTo(read);
    }

    @Test
    void aMassDeletionIsRefusedUntilTheRequestAllowsIt() throws Exception {
        runner.run(RunKind.FULL);
        LegacyFixture.execute("TRUNCATE posts CASCADE");

        int refused = finishedRun("{\"kind\":\"delta\"}");
        given().auth().oauth2(ADMIN).get("/api/v1/runs/" + refused).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("massDeleteRefused", equalTo(true))
                .body("error", containsString("has no posts at all"))
                .body("counts.submissionsSoftDeleted", equalTo(0));

        int allowed = finishedRun("{\"kind\":\"delta\",\"allowMassDelete\":true}");
        given().auth().oauth2(ADMIN).get("/api/v1/runs/" + allowed).then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("massDeleteRefused", equalTo(false))
                .body("counts.submissionsSoftDeleted", equalTo(LegacyFixture.POSTS));
    }

    /** Starts a run through the API and waits until it is no longer running; returns its id. */
    private static int finishedRun(String request) {
        int id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(request).post("/api/v1/runs")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofMinutes(1)).until(() -> !"running".equals(
                given().auth().oauth2(ADMIN).get("/api/v1/runs/" + id).then().extract().path("status")));
        return id;
    }

    @Test
    void aSecondRunWhileOneIsInProgressIsAConflict() throws Exception {
        MigrationRunner.StartedRun running = runner.begin(RunKind.FULL, false);
        try {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":\"full\"}")
                    .post("/api/v1/runs").then().statusCode(409).body("error", equalTo("run_in_progress"));
            given().auth().oauth2(ADMIN).post("/api/v1/read-model/refresh")
                    .then().statusCode(409).body("error", equalTo("run_in_progress"));
        } finally {
            runner.complete(running);
        }
    }

    @Test
    void aDeltaBeforeAnyLoadIsAConflictThatSaysWhy() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":\"delta\"}")
                .post("/api/v1/runs").then().statusCode(409)
                .body("error", equalTo("no_completed_load"))
                .body("message", containsString("run a full load first"));
    }

    @Test
    void badInputIsA400ThatSaysWhatIsWrong() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":\"sideways\"}")
                .post("/api/v1/runs").then().statusCode(400)
                .body("error", equalTo("bad_request")).body("message", equalTo(
                        "kind must be \"full\", \"delta\", \"reconcile\" or \"audit\""));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":")
                .post("/api/v1/runs").then().statusCode(400).body("error", equalTo("invalid_json"))
                .body("message", containsString("malformed JSON at $.kind, line 1, column 9"));
        given().auth().oauth2(ADMIN).get("/api/v1/runs/987654").then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    /** Quarkus' own conversion answered these with a 404 "there is no GET /api/v1/runs". */
    @Test
    void aPageOrSizeThatIsNotOneIsA400NamingIt() {
        for (String[] wrong : List.of(
                new String[] {"size=1000", "size '1000' is not a whole number between 1 and 100"},
                new String[] {"size=0", "size '0' is not a whole number between 1 and 100"},
                new String[] {"size=1e3", "size '1e3' is not a whole number between 1 and 100"},
                new String[] {"page=abc", "page 'abc' is not a whole number between 0 and 2147483647"},
                new String[] {"page=-1", "page '-1' is not a whole number between 0 and 2147483647"},
                new String[] {"page=2147483648", "page '2147483648' is not a whole number between 0 and 2147483647"})) {
            given().auth().oauth2(ADMIN).get("/api/v1/runs?" + wrong[0]).then().statusCode(400)
                    .body("error", equalTo("bad_request")).body("message", equalTo(wrong[1]));
        }
        given().auth().oauth2(ADMIN).get("/api/v1/runs?page=0&size=100").then().statusCode(200);
    }

    /** A run id that is no whole number names no run: a 404 that says why. */
    @Test
    void aRunIdThatIsNoWholeNumberIsA404ThatSaysSo() {
        given().auth().oauth2(ADMIN).get("/api/v1/runs/abc").then().statusCode(404)
                .body("error", equalTo("not_found"))
                .body("message", equalTo("there is no GET /api/v1/runs/abc: id 'abc' is not a whole number between 1 "
                        + "and 9223372036854775807"));
    }

    /**
     * A delta before any load is a 409 from the service; with a property the request does not have, the request
     * never reaches it (it used to start the delta as if x meant nothing).
     */
    @Test
    void aRunRequestWithAnUnknownPropertyStartsNothing() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":\"delta\",\"x\":1}")
                .post("/api/v1/runs").then().statusCode(400).body("error", equalTo("invalid_json"))
                .body("message", containsString("unknown property 'x' at $.x; the object there takes "
                        + "allowMassDelete, kind"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("[{\"kind\":\"delta\"}]")
                .post("/api/v1/runs").then().statusCode(400).body("error", equalTo("invalid_json"))
                .body("message", containsString("a wrong type at $: expected an object"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"kind\":\"delta\"}")
                .post("/api/v1/runs").then().statusCode(409);
    }

    @Test
    void rebuildsTheReadModelOnDemandAndRepairsWhatDiffers() throws Exception {
        runner.run(RunKind.FULL);
        TargetDatabase.execute("UPDATE mv_submission_facts SET takedown_source = 'legacy_fallback' WHERE legacy_id = "
                + "(SELECT min(legacy_id) FROM mv_submission_facts WHERE takedown_source = 'report_flow')");

        given().auth().oauth2(ADMIN).post("/api/v1/read-model/refresh").then().statusCode(200)
                .body("durationMs", greaterThanOrEqualTo(0)).body("rowsChanged", greaterThanOrEqualTo(2));

        assertThat(TargetDatabase.count("""
                SELECT (SELECT count(*) FROM (SELECT * FROM submission_facts_rule
                                              EXCEPT SELECT * FROM mv_submission_facts) AS facts)
                     + (SELECT count(*) FROM (SELECT * FROM mv_daily_rollup
                                              EXCEPT SELECT * FROM daily_rollup_rule) AS rollup)"""))
                .isZero();
        given().auth().oauth2(ADMIN).post("/api/v1/read-model/refresh").then().statusCode(200)
                .body("rowsChanged", equalTo(0));
    }
}
