package org.moderation.bi.dashboard.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.GeneratedSubmissions;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * Exports of a list of 100,000 submissions (about 10 MB; Linux sends at most 4 MiB ahead of a reader by default) to
 * clients that stop reading: they hold an export slot each, never a pool connection, and their file goes when they do.
 */
@QuarkusTest
@TestProfile(CsvExportsTest.SmallPool.class)
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(CatalogStub.class)
class CsvExportsTest {

    /** Two pool connections, fewer than the exports that may run; every request reads the database (nothing kept). */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2", "bi.kept-values", "0",
                    "bi.exports.per-caller", "2", "bi.exports.overall", "3", "bi.exports.retry-after", "7s",
                    "bi.exports.stall-timeout", STALL_TIMEOUT.toSeconds() + "s");
        }
    }

    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(20);
    private static final int POSTS = 100_000;
    private static final String EVERYTHING = "/api/v1/submissions?from=1900-01-01&to=2100-01-01&measure=submitted";
    private static boolean loaded;

    @TestHTTPResource("/")
    URL server;

    @Inject
    ReadModelFreshness freshness;

    @Inject
    BiConfig config;

    @BeforeEach
    void posts() throws SQLException {
        if (!loaded) {
            GeneratedSubmissions.load(POSTS);
            loaded = true;
        }
        freshness.poll();
    }

    @AfterEach
    void everyExportHasEnded() {
        await().untilAsserted(() -> assertThat(spooled()).isEmpty());
    }

    @Test
    void exportsWhoseClientsStopReadingHoldNoPoolConnection() throws Exception {
        try (var first = new StalledExport(alice()); var second = new StalledExport(alice());
             var third = new StalledExport(bob())) {
            assertThat(spooled()).as("three exports open, one more than the pool's connections").hasSize(3);
            for (int i = 0; i < 5; i++) {
                given().auth().oauth2(carol()).get("/api/v1/overview?from=2024-01-01&to=2100-01-01").then()
                        .statusCode(200);
                given().auth().oauth2(carol()).get(EVERYTHING + "&limit=10").then().statusCode(200)
                        .body("total", equalTo(POSTS));
            }
            assertThat(serviceSessionsIdleInTransaction()).isZero();
            assertThat(spooled()).as("all three still downloading").hasSize(3);
        }
    }

    @Test
    void aCallerPastTheCapIsToldWhenToComeBackWhileOthersStillExport() throws Exception {
        try (var first = new StalledExport(alice()); var second = new StalledExport(alice())) {
            given().auth().oauth2(alice()).accept("text/csv").get(EVERYTHING).then().statusCode(429)
                    .header("Retry-After", "7").contentType(containsString("application/json"))
                    .body("error", equalTo("too_many_exports")).body("message", containsString("one caller may"));
            assertThat(given().auth().oauth2(bob()).get(EVERYTHING + "&format=csv").then().statusCode(200)
                    .extract().asString()).contains("\n# rows: " + POSTS + "\n");
            try (var third = new StalledExport(bob())) {
                given().auth().oauth2(carol()).get(EVERYTHING + "&format=csv").then().statusCode(429)
                        .header("Retry-After", "7").contentType(containsString("application/json"))
                        .body("error", equalTo("too_many_exports")).body("message", containsString("the service"));
            }
        }
        await().untilAsserted(() -> assertThat(spooled()).isEmpty());
        given().auth().oauth2(alice()).get(EVERYTHING + "&format=csv").then().statusCode(200);
    }

    @Test
    void theRowsLineIsTheListsTotalAndCountsTheRowsBelowIt() {
        for (String list : List.of(EVERYTHING, EVERYTHING + "&platform=meta&community=north",
                "/api/v1/submissions?from=2025-01-01&to=2100-01-01&measure=removed&takedownSource=report_flow")) {
            int total = given().auth().oauth2(alice()).get(list).then().statusCode(200).extract()
                    .<Number>path("total").intValue();
            List<String> lines = given().auth().oauth2(alice()).get(list + "&format=csv").then().statusCode(200)
                    .extract().asString().lines().toList();
            List<String> comments = lines.stream().takeWhile(line -> line.startsWith("#")).toList();
            assertThat(comments.getLast()).as(list).isEqualTo("# rows: " + total);
            assertThat(lines.size() - comments.size() - 1).as(list).isEqualTo(total).isPositive();
        }
    }

    @Test
    void theSpooledFileIsDeletedWhenTheDownloadEndsOrTheClientLeavesMidway() throws Exception {
        given().auth().oauth2(alice()).get(EVERYTHING + "&format=csv").then().statusCode(200);
        await().untilAsserted(() -> assertThat(spooled()).isEmpty());

        try (var export = new StalledExport(alice())) {
            export.read(256 * 1024);
            assertThat(spooled()).hasSize(1);
        }
        await().untilAsserted(() -> assertThat(spooled()).isEmpty());
    }

    /**
     * A download of which nothing moves for the stall timeout is closed and its slot given back, long before the
     * server's idle timeout; one that keeps reading, slowly, keeps going past it.
     */
    @Test
    void aDownloadThatMovesNothingIsClosedAndOneThatReadsSlowlyGoesOn() throws Exception {
        try (var stalled = new StalledExport(alice()); var slow = new StalledExport(bob())) {
            assertThat(spooled()).hasSize(2);
            long started = System.nanoTime();
            while (System.nanoTime() - started < STALL_TIMEOUT.plusSeconds(10).toNanos()) {
                slow.read(512 * 1024);
                // The pace of a slow reader, not a wait for a condition.
                Thread.sleep(3_000);
            }
            assertThat(spooled()).as("the slow reader's export, and only it").hasSize(1);
            assertThat(stalled.readUntilClosed()).as("the stalled download's body, read until its connection closed")
                    .isLessThan(stalled.contentLength);
            slow.read(512 * 1024);
        }
    }

    /** Superadmins, each a caller of their own (token subject); made when used, as tokens expire. */
    private static String alice() {
        return Tokens.superadminNamed("alice");
    }

    private static String bob() {
        return Tokens.superadminNamed("bob");
    }

    private static String carol() {
        return Tokens.superadminNamed("carol");
    }

    private List<Path> spooled() throws IOException {
        try (var files = Files.list(config.exports().directory())) {
            return files.filter(file -> file.getFileName().toString().startsWith("export-")).toList();
        }
    }

    private static long serviceSessionsIdleInTransaction() throws SQLException {
        try (var connection = ReadModelDatabase.connect(); var statement = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND state LIKE 'idle in transaction%'")) {
            statement.setString(1, ReadModelDatabase.serviceUser);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** An export whose client reads the answer's head (so its rows are spooled), then no more until it leaves. */
    private final class StalledExport implements AutoCloseable {

        private final Socket socket = new Socket();
        private final InputStream in;
        private final long contentLength;
        private long bodyRead;

        StalledExport(String token) throws IOException {
            socket.setReceiveBufferSize(4096);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()));
            socket.getOutputStream().write(("GET " + EVERYTHING + "&format=csv HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            in = socket.getInputStream();
            var head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("the answer's head, then its body").isNotNegative();
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 200");
            Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(head);
            assertThat(length.find()).as("a Content-Length in " + head).isTrue();
            contentLength = Long.parseLong(length.group(1));
        }

        void read(int bytes) throws IOException {
            assertThat(in.readNBytes(bytes)).hasSize(bytes);
            bodyRead += bytes;
        }

        /** The body's bytes read, reading on until the server closes (what the kernels had buffered comes first). */
        long readUntilClosed() throws IOException {
            var buffer = new byte[64 * 1024];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    bodyRead += read;
                }
            } catch (SocketException reset) {
                // Closed with bytes unread on this side's buffers: a reset.
            }
            return bodyRead;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
