package org.moderation.bi.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessReadinessTest {

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** A shell script as the started process, its output in dir/process.log. */
    private Path start(String script) throws IOException {
        Path log = dir.resolve("process.log");
        process = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return log;
    }

    @Test
    void aProcessThatExitsFailsTheWaitAtOnceWithTheEndOfItsLog() throws Exception {
        Path log = start("echo starting; echo 'Port 8083 seems to be in use'; exit 3");

        // Not the ceiling's "still not ready": the wait ended because the process did.
        assertThatThrownBy(() -> ProcessReadiness.awaitReady("the catalog is ready", process, log, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the catalog is ready: the process exited with 3 before it was ready")
                .hasMessageContaining("Port 8083 seems to be in use");
    }

    @Test
    void aProcessThatIsAliveIsWaitedForUntilItIsReadyWhileTheCheckFails() throws Exception {
        // A slow start: ready only after a few of the check's polls, which fail as a refused connection would.
        Path log = start("sleep 2; echo ready > ready; exec sleep 600");
        Path ready = dir.resolve("ready");

        ProcessReadiness.awaitReady("ready", process, log, () -> {
            if (!Files.exists(ready)) {
                throw new IOException("Connection refused");
            }
            return true;
        });

        assertThat(ready).exists();
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void aProcessThatIsAliveButNeverReadyFailsAtTheCeilingWithTheEndOfItsLog() throws Exception {
        Path log = start("echo 'waiting for a lock'; exec sleep 600");

        assertThatThrownBy(() -> ProcessReadiness.awaitReady("ready", process, log, () -> false, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ready: the process (pid " + process.pid() + ") is alive but still not ready "
                        + "after PT2S")
                .hasMessageContaining("waiting for a lock");
        assertThat(process.isAlive()).isTrue();
    }
}
