package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo realm keeps brute-force detection on without locking out the demo users that scripts and tests log in as
 * at the same time. Keycloak 26 refuses all but one of a user's simultaneous logins (user_temporarily_disabled)
 * unless the server allows them, which no realm setting does: both places that start the demo Keycloak allow them.
 */
class LocalRealmTest {

    private static final Path ROOT = Kustomize.DEPLOY.getParent();
    private static final String ALLOW_CONCURRENT_LOGINS =
            "--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true";

    @Test
    void bruteForceDetectionIsOnAndLocksOutForAWhileOnly() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve("deploy/local/keycloak/moderation-realm.json").toFile());

        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").isBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.path("failureFactor").asInt()).isBetween(5, 30);
        // Failures closer together than this lock the user for minimumQuickLoginWaitSeconds: machine speed only.
        assertThat(realm.path("quickLoginCheckMilliSeconds").asLong()).isBetween(1L, 200L);
        assertThat(realm.path("minimumQuickLoginWaitSeconds").asInt()).isBetween(1, 10);
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isBetween(realm.path("waitIncrementSeconds").asInt(), 900);
    }

    @Test
    void theDemoKeycloakAllowsAUsersLoginsAtTheSameTime() throws IOException {
        assertThat(Files.readString(ROOT.resolve("run-local.sh"))).contains(ALLOW_CONCURRENT_LOGINS);
        assertThat(Files.readString(ROOT.resolve(
                "test-support/src/main/java/org/moderation/bi/testsupport/KeycloakServer.java")))
                .contains('"' + ALLOW_CONCURRENT_LOGINS + '"');
    }
}
