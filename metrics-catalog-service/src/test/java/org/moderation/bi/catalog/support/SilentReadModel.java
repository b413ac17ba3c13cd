package org.moderation.bi.catalog.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.moderation.bi.testsupport.ScratchDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The catalog's own database, and a read model that takes connections and never says a word: a database behind a
 * dead network path, the worst case for the catalog's time limits (a refused connection fails at once).
 */
public class SilentReadModel implements QuarkusTestResourceLifecycleManager {

    private String url;
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        url = ScratchDatabase.create("it_catalog_silent");
        try {
            silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", ScratchDatabase.USER,
                "quarkus.datasource.readmodel.jdbc.url", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/read_model",
                "quarkus.datasource.readmodel.username", "nobody");
    }

    @Override
    public void stop() {
        try {
            silent.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScratchDatabase.drop(url);
    }
}
