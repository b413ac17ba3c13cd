package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** The objects one overlay renders to, with the look-ups the checks share. */
record Manifests(String overlay, List<JsonNode> objects) {

    List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    JsonNode one(String kind, String name) {
        List<JsonNode> found = all(kind).stream().filter(o -> name.equals(name(o))).toList();
        assertThat(found).as("%s %s in overlay %s", kind, name, overlay).hasSize(1);
        return found.getFirst();
    }

    /** A container's variables: ConfigMap values (each ConfigMap must be rendered) and Secret references. */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : elements(container.path("envFrom"))) {
            String configMap = from.path("configMapRef").path("name").asText();
            one("ConfigMap", configMap).path("data").properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode variable : elements(container.path("env"))) {
            env.put(variable.path("name").asText(), variable.has("value")
                    ? variable.path("value").asText()
                    : "(from " + variable.path("valueFrom").fieldNames().next() + ")");
        }
        return env;
    }

    /** What runs pods: Deployments and Jobs. */
    List<JsonNode> workloads() {
        return objects.stream().filter(o -> o.path("spec").has("template")).toList();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static Map<String, String> podLabels(JsonNode workload) {
        return strings(workload.path("spec").path("template").path("metadata").path("labels"));
    }

    static List<JsonNode> containers(JsonNode workload) {
        return elements(podSpec(workload).path("containers"));
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** A label selector's matchLabels against a pod's labels; matchExpressions are refused, not guessed at. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        assertThat(selector.has("matchExpressions")).as("selector %s uses matchExpressions, which these checks "
                + "do not model", selector).isFalse();
        return labels.entrySet().containsAll(strings(selector.path("matchLabels")).entrySet());
    }

    /** A container's port, by number or by the name a probe or a Service uses. */
    static int port(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        return elements(container.path("ports")).stream()
                .filter(p -> port.asText().equals(p.path("name").asText()))
                .mapToInt(p -> p.path("containerPort").asInt())
                .findFirst()
                .orElseThrow(() -> new AssertionError("container " + container.path("name") + " has no port " + port));
    }
}
