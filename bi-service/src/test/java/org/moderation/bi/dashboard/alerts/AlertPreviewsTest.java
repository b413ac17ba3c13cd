package org.moderation.bi.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.moderation.bi.dashboard.alerts.AlertRules.load;
import static org.moderation.bi.dashboard.alerts.AlertRules.row;
import static org.moderation.bi.dashboard.alerts.AlertRules.rule;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class AlertPreviewsTest {

    private static final AlertCondition ABOVE_2 = new AlertCondition(AlertCondition.ABOVE, 2.0, null, null);
    private static final AlertWindow DAY = new AlertWindow(AlertWindow.CALENDAR, null, "day", "UTC");

    @Inject
    MeterRegistry registry;

    @Test
    void aPreviewSaysHowOftenARuleWouldHaveFiredEachDayOfTheLastNinetyDays() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = Instant.now();
        load(row(1, 1, noon(today.minusDays(10)), null), row(2, 1, noon(today.minusDays(10)), null),
                row(3, 1, noon(today.minusDays(10)), null), row(4, 1, noon(today.minusDays(9)), null),
                row(5, 1, noon(today.minusDays(9)), null), row(6, 1, noon(today.minusDays(9)), null),
                row(7, 1, noon(today.minusDays(3)), null), row(8, 1, noon(today.minusDays(5)), null),
                row(9, 1, noon(today.minusDays(5)), null), row(10, 1, noon(today.minusDays(5)), null),
                // Outside the rule's community, and before the 90 days.
                row(11, 2, noon(today.minusDays(2)), null), row(12, 2, noon(today.minusDays(2)), null),
                row(13, 2, noon(today.minusDays(2)), null), row(14, 1, noon(today.minusDays(120)), null),
                row(15, 1, noon(today.minusDays(120)), null), row(16, 1, noon(today.minusDays(120)), null));
        var rule = rule("north_daily", "submissions", null, DAY, List.of("north"), ABOVE_2, null, null);

        var preview = given().auth().oauth2(Tokens.communityManager("north")).contentType("application/json")
                .body(rule).post("/api/v1/alerts/preview").then().statusCode(200).extract().jsonPath();
        assertThat(preview.getInt("days")).isEqualTo(90);
        assertThat(preview.getList("points")).hasSize(90);
        assertThat(preview.getString("points[0].at"))
                .isEqualTo(today.minusDays(88).atStartOfDay(ZoneOffset.UTC).minusMinutes(1).toInstant().toString());
        assertThat(Instant.parse(preview.getString("points[89].at"))).isBetween(
                now.truncatedTo(ChronoUnit.MINUTES), Instant.now());
        // Days 10 and 9 back in a row, then day 5 back: fired twice, on three evaluations.
        assertThat(preview.getInt("firings")).isEqualTo(2);
        assertThat(preview.getInt("firingEvaluations")).isEqualTo(3);
        assertThat(preview.getList("points.findAll { it.state == 'firing' }.value", Float.class))
                .containsExactly(3.0f, 3.0f, 3.0f);
        assertThat(preview.getString("points[79].state")).isEqualTo("firing");
        assertThat(preview.getDouble("points[86].value")).isEqualTo(1.0);
        assertThat(preview.getString("points[86].state")).isEqualTo("ok");
        assertThat(preview.getLong("readModelVersion")).isPositive();

        // A superadmin over every community counts south's day too.
        var everywhere = rule("all_daily", "submissions", null, DAY, List.of(), ABOVE_2, null, null);
        assertThat(given().auth().oauth2(Tokens.superadmin()).contentType("application/json").body(everywhere)
                .post("/api/v1/alerts/preview").then().statusCode(200).extract().jsonPath().getInt("firings"))
                .isEqualTo(3);

        // Refusals: another community's, a manager's rule over everything, an invalid rule, no token, no role.
        given().auth().oauth2(Tokens.communityManager("south")).contentType("application/json").body(rule)
                .post("/api/v1/alerts/preview").then().statusCode(403)
                .body("error", org.hamcrest.Matchers.equalTo("out_of_scope"));
        given().auth().oauth2(Tokens.communityManager("north")).contentType("application/json").body(everywhere)
                .post("/api/v1/alerts/preview").then().statusCode(403);
        var noWindow = rule("no_window", "submissions", null, null, List.of("north"), ABOVE_2, null, null);
        given().auth().oauth2(Tokens.superadmin()).contentType("application/json").body(noWindow)
                .post("/api/v1/alerts/preview").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_definition"))
                .body("details[0]", org.hamcrest.Matchers.containsString("$.window"));
        var unknownMetric = rule("unknown", "no_such_metric", null, DAY, List.of("north"), ABOVE_2, null, null);
        given().auth().oauth2(Tokens.superadmin()).contentType("application/json").body(unknownMetric)
                .post("/api/v1/alerts/preview").then().statusCode(400)
                .body("details[0]", org.hamcrest.Matchers.containsString("unknown metric no_such_metric"));
        given().contentType("application/json").body(rule).post("/api/v1/alerts/preview").then().statusCode(401);
        given().auth().oauth2(Tokens.withoutRole()).contentType("application/json").body(rule)
                .post("/api/v1/alerts/preview").then().statusCode(403);
        given().auth().oauth2(Tokens.superadmin()).contentType("application/json")
                .post("/api/v1/alerts/preview").then().statusCode(400);
    }

    @Test
    void aPreviewWhoseCallerLeftStopsAtItsNextDayAndFreesItsSlot() throws Exception {
        load(row(1, 1, noon(LocalDate.now(ZoneOffset.UTC).minusDays(3)), null));
        byte[] rule = new ObjectMapper().writeValueAsBytes(
                rule("left_daily", "submissions", null, DAY, List.of("north"), ABOVE_2, null, null));
        String caller = Tokens.superadmin();
        double answered = previews("answered");
        double abandoned = previews("abandoned");
        try (Connection blocker = ReadModelDatabase.connect(); Connection watcher = ReadModelDatabase.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE " + String.join(", ", readModelTables(watcher))
                    + " IN ACCESS EXCLUSIVE MODE");
            try (Socket socket = new Socket("127.0.0.1",
                    ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))) {
                socket.getOutputStream().write(("POST /api/v1/alerts/preview HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + caller + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + rule.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(rule);
                // The preview's first day waits for the lock; its caller leaves meanwhile.
                await().atMost(Duration.ofSeconds(4)).until(() -> waitingForALock(watcher));
            }
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> previews("abandoned") > abandoned);
        assertThat(previews("answered")).as("nobody was answered").isEqualTo(answered);
        // The caller's one preview at a time is theirs again.
        given().auth().oauth2(caller).contentType("application/json").body(rule).post("/api/v1/alerts/preview")
                .then().statusCode(200);
    }

    private double previews(String result) {
        var counter = registry.find("bi.alerts.previews").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The read model's tables (rollups, facts, search): whichever a rule reads, it waits. */
    private static List<String> readModelTables(Connection connection) throws SQLException {
        try (var rows = connection.createStatement().executeQuery("SELECT quote_ident(relname) FROM pg_class "
                + "WHERE relname LIKE 'mv\\_%' AND relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace")) {
            var tables = new ArrayList<String>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            return tables;
        }
    }

    private static boolean waitingForALock(Connection connection) throws SQLException {
        try (var rows = connection.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }
}
