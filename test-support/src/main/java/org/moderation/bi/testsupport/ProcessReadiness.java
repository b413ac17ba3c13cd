package org.moderation.bi.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for a process a test started until it is ready, following the process rather than the clock: a process that
 * exits fails the wait at once, with the tail of its log; one that is alive is waited for, since a busy machine makes a
 * start slow, not wrong, up to {@link #CEILING}, which only a hang reaches.
 */
public final class ProcessReadiness {

    /** Far beyond a slow start on a loaded machine: reached only by a process that hangs. */
    public static final Duration CEILING = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int TAIL_LINES = 40;

    private ProcessReadiness() {
    }

    /** Whether the process is ready; an exception means it is still starting (a connection refused, say). */
    @FunctionalInterface
    public interface Check {
        boolean ready() throws Exception;
    }

    /**
     * Returns once {@code check} says the process is ready. Throws as soon as the process has exited, or when it is
     * still not ready after {@link #CEILING}; either way with what was awaited and the last lines of its log.
     */
    public static void awaitReady(String what, Process process, Path log, Check check) {
        awaitReady(what, process, log, check, CEILING);
    }

    /** {@link #awaitReady(String, Process, Path, Check)} with another ceiling (for this class's own tests). */
    static void awaitReady(String what, Process process, Path log, Check check, Duration ceiling) {
        try {
            Awaitility.await(what).atMost(ceiling).pollInterval(POLL).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(what + ": the process exited with " + process.exitValue()
                            + " before it was ready; the end of " + log + ":\n" + tail(log));
                }
                try {
                    return check.ready();
                } catch (Exception stillStarting) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(what + ": the process (pid " + process.pid() + ") is alive but still not "
                    + "ready after " + ceiling + "; the end of " + log + ":\n" + tail(log), e);
        }
    }

    /** The last lines of a log, whatever its encoding. */
    public static String tail(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
