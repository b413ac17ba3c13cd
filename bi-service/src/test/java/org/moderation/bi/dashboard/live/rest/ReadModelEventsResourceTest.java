package org.moderation.bi.dashboard.live.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.Fixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * Open pages are told when the read model changes, each only of the changes in its scope, and how the read model
 * follows the legacy database; listening is bounded per person and by the token's life.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class ReadModelEventsResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReadModelFreshness freshness;

    @TestHTTPResource("/api/v1/read-model/events")
    URI events;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.load();
        ReadModelDatabase.streamSays("live");
        freshness.poll();
    }

    @Test
    void listeningTakesATokenWithADashboardRole() {
        given().get(events).then().statusCode(401);
        given().auth().oauth2(Tokens.withoutRole()).get(events).then().statusCode(403);
        given().auth().oauth2(Tokens.superadmin()).get(events + "?since=1").then().statusCode(400)
                .body("error", equalTo("bad_request")).body("message", containsString("unknown parameter(s): since"));
    }

    @Test
    void aSuperadminHearsOfEveryChangeAndAManagerOnlyOfTheirCommunities() throws Exception {
        try (var admin = Listener.open(events, Tokens.superadmin());
             var north = Listener.open(events, Tokens.communityManager("north"))) {
            JsonNode ready = admin.next("ready");
            assertThat(ready.path("live").asBoolean()).isTrue();
            assertThat(ready.path("feed").asText()).isEqualTo("live");
            long version = ready.path("version").asLong();
            assertThat(north.next("ready").path("version").asLong()).isEqualTo(version);

            change(4); // s4 belongs to south
            JsonNode southChanged = admin.next("changed");
            assertThat(southChanged.path("version").asLong()).isGreaterThan(version);
            assertThat(southChanged.path("communities").toString()).isEqualTo("[\"south\"]");

            change(1); // s1 belongs to north
            assertThat(admin.next("changed").path("communities").toString()).isEqualTo("[\"north\"]");
            // The manager of north was not told of south's change: the first change it hears of is north's.
            assertThat(north.next("changed").path("communities").toString()).isEqualTo("[\"north\"]");
        }
    }

    @Test
    void whenTheStreamIsNotLiveThePageIsToldHowOftenTheNumbersArePolled() throws Exception {
        ReadModelDatabase.streamSays("unavailable");
        freshness.poll();

        try (var admin = Listener.open(events, Tokens.superadmin())) {
            JsonNode ready = admin.next("ready");
            assertThat(ready.path("live").asBoolean()).isFalse();
            assertThat(ready.path("feed").asText()).isEqualTo("polling every 5 min");
        }
        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/overview?from=2024-05-01&to=2024-06-01").then()
                .statusCode(200).body("freshness.live", equalTo(false))
                .body("freshness.feed", equalTo("polling every 5 min"));
    }

    @Test
    void onePersonListensOnAtMostFivePagesAndEachListeningEndsWithItsToken() throws Exception {
        String token = Tokens.superadminExpiringIn(120);
        var open = new ArrayList<Listener>();
        try {
            for (int page = 0; page < 5; page++) {
                open.add(Listener.open(events, token));
            }
            Instant until = Instant.parse(open.getFirst().next("ready").path("until").asText());
            assertThat(until).isBefore(Instant.now().plusSeconds(121));

            HttpResponse<String> sixth = HttpClient.newHttpClient().send(request(events, token),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(sixth.body()).path("error").asText()).isEqualTo("too_many_listeners");
        } finally {
            for (Listener listener : open) {
                listener.close();
            }
        }
        // Closed pages give their places back (once the service notices, at the latest with the next heartbeat).
        await().atMost(PATIENCE).until(() -> {
            HttpResponse<Stream<String>> again = HttpClient.newHttpClient().send(request(events, token),
                    HttpResponse.BodyHandlers.ofLines());
            again.body().close();
            return again.statusCode() == 200;
        });
    }

    /** A change to one submission's facts, committed as the migrator commits one, and the service's next look. */
    private void change(long legacyId) throws Exception {
        ReadModelDatabase.execute("UPDATE submissions SET status = 'reported' WHERE legacy_id = " + legacyId
                + "; SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id = " + legacyId
                + "))");
        freshness.poll();
    }

    private static HttpRequest request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(PATIENCE).build();
    }

    /** One page listening: the events it is sent, as they arrive. */
    private static final class Listener implements AutoCloseable {

        private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
        private final Stream<String> lines;

        private Listener(Stream<String> lines) {
            this.lines = lines;
            Thread.ofVirtual().start(() -> {
                String name = null;
                List<String> data = new ArrayList<>();
                try {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.startsWith("event:")) {
                            name = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            data.add(line.substring(5).trim());
                        } else if (line.isEmpty() && name != null) {
                            received.add(new String[] {name, String.join("\n", data)});
                            name = null;
                            data.clear();
                        }
                    }
                } catch (RuntimeException closed) {
                    // the test closed it
                }
            });
        }

        static Listener open(URI uri, String token) throws Exception {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request(uri, token),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            return new Listener(response.body());
        }

        /** The next event named {@code name}, skipping heartbeats ("feed"). */
        JsonNode next(String name) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                String[] event = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(event).as("an event named " + name + " within " + PATIENCE).isNotNull();
                if (event[0].equals(name)) {
                    return JSON.readTree(event[1]);
                }
                assertThat(event[0]).as("events before " + name).isEqualTo("feed");
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
