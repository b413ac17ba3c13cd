package org.moderation.bi.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Keycloak in dev mode with the local demo realm (deploy/local/keycloak), on a free port, for tests that log in
 * as a person would. The distribution is the one Maven unpacked ({@code -Dkeycloak.dist}); its in-memory database
 * makes every start import the realm as committed. The application under test gets a free port too, and the realm's
 * dashboard origin (the local bi-service, {@value #LOCAL_DASHBOARD_ORIGIN}) is rewritten to it, so that Keycloak
 * accepts the test's redirect URIs and web origin; a test of another service names that service's local origin as
 * the init argument {@value #ORIGIN} (the catalog's Swagger UI: {@code http://127.0.0.1:8083}). The master realm's
 * admin, with a password made at each start, lets tests change the realm's settings through the admin REST API.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "moderation";
    public static final String SERVICES_CLIENT = "moderation-services";
    static final String LOCAL_DASHBOARD_ORIGIN = "http://127.0.0.1:8082";
    /** The init argument naming the local origin that the application under test stands for. */
    public static final String ORIGIN = "origin";
    /** Keycloak 26 refuses all but one of a user's simultaneous logins (user_temporarily_disabled) without it. */
    static final String ALLOW_CONCURRENT_LOGINS =
            "--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern LIFESPAN = Pattern.compile("\"accessTokenLifespan\"\\s*:\\s*(\\d+)");
    private static final Pattern IDLE = Pattern.compile("\"ssoSessionIdleTimeout\"\\s*:\\s*(\\d+)");
    private static final Pattern SECRET = Pattern.compile(
            "\"clientId\"\\s*:\\s*\"" + SERVICES_CLIENT + "\"[^}]*?\"secret\"\\s*:\\s*\"([^\"]+)\"", Pattern.DOTALL);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN = "admin";

    private static volatile String issuer;
    private static volatile String servicesSecret;
    /** The demo users' passwords, as the committed realm gives them: username to password. */
    private static volatile Map<String, String> demoPasswords = Map.of();
    /** The master realm's admin, for the admin REST API; a new password at every start, known only to this JVM. */
    private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();
    private Process process;
    private Path log;
    private String localOrigin = LOCAL_DASHBOARD_ORIGIN;

    @Override
    public void init(Map<String, String> initArgs) {
        localOrigin = initArgs.getOrDefault(ORIGIN, LOCAL_DASHBOARD_ORIGIN);
    }

    @Override
    public Map<String, String> start() {
        Path dist = Path.of(required("keycloak.dist"));
        Path realm = Path.of(required("keycloak.realm"));
        if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + dist + " (Maven unpacks it before the tests)");
        }
        int keycloakPort = Ports.free();
        int appPort = Ports.free();
        try {
            String realmJson = Files.readString(realm)
                    .replace(localOrigin, "http://127.0.0.1:" + appPort);
            servicesSecret = find(SECRET, realmJson, "the secret of " + SERVICES_CLIENT + " in " + realm);
            demoPasswords = demoPasswords(realmJson);
            Files.createDirectories(dist.resolve("data/import"));
            Files.writeString(dist.resolve("data/import/" + realm.getFileName()), realmJson);
            log = dist.resolveSibling("keycloak-test.log");
            var builder = new ProcessBuilder(dist.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port", String.valueOf(keycloakPort), "--http-host", "127.0.0.1",
                    "--import-realm", "--db=dev-mem", ALLOW_CONCURRENT_LOGINS)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + dist, e);
        }
        issuer = "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM;
        awaitRealm();
        return Map.of(
                "oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", SERVICES_CLIENT,
                "quarkus.http.test-port", String.valueOf(appPort));
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        // kc.sh forwards SIGTERM to its JVM; the JVM's children are stopped with it.
        List<ProcessHandle> all = process.descendants().toList();
        process.destroy();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The realm's URL, as the application under test knows it. */
    public static String issuer() {
        return issuer;
    }

    /**
     * An access token for a user of the realm, by the password grant of the services' client (which the local realm
     * allows for scripts and tests): the same user, roles and communities as a browser login gives.
     */
    public static String accessToken(String username, String password) {
        return passwordGrant(issuer, "client_id=" + SERVICES_CLIENT + "&client_secret=" + encode(servicesSecret),
                username, password);
    }

    /** Puts the realm's token lifetimes back as they were when {@link #shortenTokenLifetimes} was called. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sets the realm's access-token lifespan and SSO session idle timeout (through the admin REST API) until the
     * returned handle is closed: for tests of a client that must renew its tokens. A session idle for longer than
     * {@code sessionIdle} can no longer refresh its tokens.
     */
    public static Restore shortenTokenLifetimes(Duration accessToken, Duration sessionIdle) {
        String before = admin(HttpRequest.newBuilder(adminRealmUrl()).GET(), 200, "the realm's settings");
        String restore = lifetimes(find(LIFESPAN, before, "accessTokenLifespan"), find(IDLE, before, "ssoSessionIdleTimeout"));
        updateRealm(lifetimes(String.valueOf(accessToken.toSeconds()), String.valueOf(sessionIdle.toSeconds())));
        return () -> updateRealm(restore);
    }

    private static String lifetimes(String accessTokenSeconds, String sessionIdleSeconds) {
        return "{\"accessTokenLifespan\": " + accessTokenSeconds + ", \"ssoSessionIdleTimeout\": " + sessionIdleSeconds + "}";
    }

    private static void updateRealm(String settings) {
        admin(HttpRequest.newBuilder(adminRealmUrl()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings)), 204, "an update of the realm's settings");
    }

    private static URI adminRealmUrl() {
        return URI.create(issuer.replace("/realms/" + REALM, "/admin/realms/" + REALM));
    }

    /** A call of the admin REST API, with a fresh token of the master realm's admin. */
    private static String admin(HttpRequest.Builder request, int expectedStatus, String what) {
        String token = passwordGrant(issuer.replace("/realms/" + REALM, "/realms/master"), "client_id=admin-cli", ADMIN,
                ADMIN_PASSWORD);
        return send(request.header("Authorization", "Bearer " + token), expectedStatus, what);
    }

    private static String passwordGrant(String realmUrl, String client, String username, String password) {
        String form = "grant_type=password&" + client + "&username=" + encode(username) + "&password=" + encode(password);
        String body = send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200, "a token for " + username);
        return find(ACCESS_TOKEN, body, "an access token");
    }

    private static String send(HttpRequest.Builder request, int expectedStatus, String what) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException("Keycloak refused " + what + " (" + response.statusCode() + "): "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Until Keycloak serves the realm, for as long as it is alive; stopped and reported with its log otherwise. */
    private void awaitRealm() {
        var discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            ProcessReadiness.awaitReady("Keycloak serves the realm " + REALM, process, log,
                    () -> HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (IllegalStateException e) {
            stop();
            throw e;
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (the pom's surefire configuration sets it)");
        }
        return value;
    }

    private static String find(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("found no " + what);
        }
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A demo user's password, read from the realm file the server imported (never written into a test). */
    public static String demoPassword(String username) {
        String password = demoPasswords.get(username);
        if (password == null) {
            throw new IllegalArgumentException("the demo realm has no user " + username + " with a password");
        }
        return password;
    }

    private static Map<String, String> demoPasswords(String realmJson) throws IOException {
        var passwords = new java.util.HashMap<String, String>();
        for (JsonNode user : new ObjectMapper().readTree(realmJson).path("users")) {
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText())) {
                    passwords.put(user.path("username").asText(), credential.path("value").asText());
                }
            }
        }
        return Map.copyOf(passwords);
    }

}
