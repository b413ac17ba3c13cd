package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.deploy.Manifests.elements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Every overlay's rendered PrometheusRules pass {@code promtool check rules}: PromQL that parses, templates that
 * compile, no duplicate rule. Prometheus would reject (and keep the old rules of) a file that does not.
 */
class PromtoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static java.util.List<String> overlays() {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRenderedRulesPassPromtool(String overlay, @TempDir Path dir) throws Exception {
        ArrayNode groups = JSON.createArrayNode();
        for (JsonNode rule : Kustomize.render(overlay).all("PrometheusRule")) {
            elements(rule.path("spec").path("groups")).forEach(groups::add);
        }
        assertThat(groups).as("rule groups of %s", overlay).isNotEmpty();
        // A rules file as Prometheus loads it; JSON is YAML.
        Path rules = dir.resolve(overlay + "-rules.yaml");
        Files.writeString(rules, JSON.writeValueAsString(JSON.createObjectNode().set("groups", groups)));
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not on the PATH, so the alert rules cannot be checked: install it "
                    + "(.ci/run does, through ensure_promtool in .ci/env.sh; or apt-get install prometheus)", e);
        }
        promtool.getOutputStream().close();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!promtool.waitFor(60, TimeUnit.SECONDS)) {
            promtool.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s");
        }
        assertThat(promtool.exitValue()).as("promtool check rules on %s:\n%s", overlay, output).isZero();
    }
}
