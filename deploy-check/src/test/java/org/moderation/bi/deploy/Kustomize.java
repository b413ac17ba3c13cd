package org.moderation.bi.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Renders deploy/ overlays with {@code kubectl kustomize}, as the platform team applies them. */
final class Kustomize {

    static final Path DEPLOY = Path.of(System.getProperty("deploy.dir", "../deploy")).toAbsolutePath().normalize();

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** Every overlay under deploy/overlays, so that a new one is checked without touching the tests. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            return dirs.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::run);
    }

    private static Manifests run(String overlay) {
        Path dir = DEPLOY.resolve("overlays").resolve(overlay);
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
        } catch (IOException e) {
            // Not a skip: a manifest nobody rendered is a manifest nobody checked.
            throw new AssertionError("kubectl is not on the PATH, so deploy/ cannot be checked: install it "
                    + "(.ci/run does, through ensure_kubectl in .ci/env.sh; or apt-get install kubectl)", e);
        }
        try {
            kubectl.getOutputStream().close();
            // Read stderr beside stdout so that neither pipe can fill up and stall kubectl.
            var errors = kubectl.errorReader(StandardCharsets.UTF_8);
            var stderr = new StringBuilder();
            Thread drain = Thread.ofVirtual().start(() -> errors.lines().forEach(l -> stderr.append(l).append('\n')));
            String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            drain.join();
            if (kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + stderr);
            }
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
                return new Manifests(overlay, documents.readAll().stream().filter(d -> !d.isEmpty()).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        }
    }
}
