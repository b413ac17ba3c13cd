package org.moderation.bi.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The evaluator's client-credentials token: asked for with the client's id and secret, kept, renewed, refused. */
class ClientCredentialsTest {

    private HttpServer provider;
    private final List<String> forms = new ArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/token", exchange -> {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"access_token\":\"token-" + forms.size() + "\",\"expires_in\":100}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/token");
    }

    @Test
    void aTokenIsKeptFor80PercentOfItsLifetime() throws Exception {
        var credentials = new ClientCredentials(url(), "moderation-services", "s&cret");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(credentials.token(now)).isEqualTo("token-1");
        assertThat(forms).containsExactly("grant_type=client_credentials&client_id=moderation-services"
                + "&client_secret=s%26cret");
        assertThat(credentials.token(now.plusSeconds(79))).isEqualTo("token-1");
        assertThat(credentials.token(now.plusSeconds(80))).isEqualTo("token-2");
    }

    @Test
    void aRefusalIsAnError() {
        status = 401;
        var credentials = new ClientCredentials(url(), "moderation-services", "wrong");
        assertThatThrownBy(() -> credentials.token(Instant.now())).isInstanceOf(IOException.class)
                .hasMessageContaining("401");
    }
}
