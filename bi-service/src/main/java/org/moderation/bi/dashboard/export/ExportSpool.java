package org.moderation.bi.dashboard.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import org.moderation.bi.dashboard.config.BiConfig;

/** The files exports are spooled to (readable by this user only), in {@code bi.exports.directory}. */
@ApplicationScoped
public class ExportSpool {

    private static final Logger LOG = Logger.getLogger(ExportSpool.class);
    private static final String PREFIX = "export-";
    private static final String SUFFIX = ".csv";

    private final Path directory;

    public ExportSpool(BiConfig config) {
        this.directory = config.exports().directory();
    }

    /**
     * Deletes what a process killed mid-export left behind: nothing of this one runs yet. Only files named as exports
     * are, so a directory pointed at by mistake loses nothing else.
     */
    void sweep(@Observes StartupEvent start) throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    public Path create() {
        try {
            return Files.createTempFile(directory, PREFIX, SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool an export in " + directory, e);
        }
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete the spooled export %s: %s", file, e.getMessage());
        }
    }
}
