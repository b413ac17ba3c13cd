package org.moderation.bi.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * One person who asks too fast is slowed and refused, nobody else, the same on every service: a service's test
 * extends this and runs with {@link OidcServer} and {@link SmallPersonRate}.
 */
public abstract class PersonRatesContract {

    private final String protectedGet;
    private final String jsonPost;

    /**
     * @param protectedGet a GET that a superadmin's token is answered 200
     * @param jsonPost     a POST that takes a JSON body and a superadmin's token
     */
    protected PersonRatesContract(String protectedGet, String jsonPost) {
        this.protectedGet = protectedGet;
        this.jsonPost = jsonPost;
    }

    @Test
    void aPersonAskingTooFastIsRefusedAfterAHoldWhileAnotherIsServed() {
        String flooder = Tokens.superadminNamed("flooder-" + UUID.randomUUID());
        int served = 0;
        Response refused = null;
        // The bucket refills one a second: unless three requests take seconds, the fourth or fifth is refused.
        for (int asked = 0; asked < SmallPersonRate.BURST + 2 && refused == null; asked++) {
            Response answer = get(flooder);
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                served++;
            }
        }
        assertThat(refused).as("a refusal within %d requests", SmallPersonRate.BURST + 2).isNotNull();
        assertThat(served).isGreaterThanOrEqualTo(SmallPersonRate.BURST);
        assertThat(refused.jsonPath().getString("error")).isEqualTo("too_many_requests");
        assertThat(refused.jsonPath().getString("message")).contains("1 requests a second", "3 at once", "retry in");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        assertThat(refused.timeIn(TimeUnit.MILLISECONDS))
                .as("a refusal is held before it is answered").isGreaterThanOrEqualTo(SmallPersonRate.HELD_MILLIS - 50);

        assertThat(get(Tokens.superadminNamed("bystander-" + UUID.randomUUID())).statusCode())
                .as("another person is served while the first is refused").isEqualTo(200);
    }

    @Test
    void theServicesOwnClientIsNotMetered() {
        String evaluator = Tokens.superadminOfClient("evaluator-" + UUID.randomUUID(), "bi-alerts-evaluator");
        for (int asked = 0; asked < SmallPersonRate.BURST + 3; asked++) {
            assertThat(get(evaluator).statusCode()).isEqualTo(200);
        }
        String person = Tokens.superadminOfClient("person-" + UUID.randomUUID(), "moderation-dashboard");
        assertThat(IntStream.range(0, SmallPersonRate.BURST + 3).map(asked -> get(person).statusCode()))
                .as("a person's token from another client is metered").contains(429);
    }

    @Test
    void requestsWithoutAPersonAreNotMetered() {
        for (int asked = 0; asked < SmallPersonRate.BURST * 3; asked++) {
            assertThat(given().get(protectedGet).statusCode()).isEqualTo(401);
            assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
        }
    }

    /**
     * A client that leaves while its refusal is held (a script stopped, a closed tab) is not an error of the service:
     * nothing is logged above DEBUG when the held answer finds the connection gone.
     */
    @Test
    void aClientThatLeavesWhileItsRefusalIsHeldLeavesNoErrorInTheLog() throws IOException {
        String leaver = Tokens.superadminNamed("leaver-" + UUID.randomUUID());
        while (get(leaver).statusCode() != 429) {
            // spends the bucket: the first refusal ends it
        }
        var errors = new CopyOnWriteArrayList<LogRecord>();
        Handler watcher = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(watcher);
        try {
            for (String request : List.of("GET " + protectedGet + " HTTP/1.1\r\n",
                    "POST " + jsonPost + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n")) {
                try (Socket socket = new Socket("127.0.0.1",
                        ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))) {
                    socket.getOutputStream().write((request + "Host: 127.0.0.1\r\nAuthorization: Bearer " + leaver
                            + "\r\n\r\n" + (request.startsWith("POST") ? "{}" : "")).getBytes(StandardCharsets.US_ASCII));
                }
            }
            await().during(Duration.ofMillis(SmallPersonRate.HELD_MILLIS * 2)).atMost(Duration.ofSeconds(10))
                    .until(errors::isEmpty);
        } finally {
            root.removeHandler(watcher);
        }
    }

    private Response get(String token) {
        return given().auth().oauth2(token).get(protectedGet);
    }
}
