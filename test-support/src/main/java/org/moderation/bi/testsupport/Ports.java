package org.moderation.bi.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Local TCP ports for servers that tests start, or for a provider that tests want unreachable. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago: nothing listens on it until someone binds it. */
    public static int free() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
