package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.deploy.Manifests.containers;
import static org.moderation.bi.deploy.Manifests.elements;
import static org.moderation.bi.deploy.Manifests.name;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every overlay: each service gets the variables it reads (the names of its application.properties and
 * {@code @ConfigMapping}s), non-secret ones from a rendered ConfigMap, credentials only by reference to Secrets
 * that the platform team creates (deploy/README.md lists them).
 */
class ConfigurationTest {

    /** The Secret keys deploy/README.md tells the platform team to create. */
    private static final Map<String, Set<String>> SECRET_KEYS = Map.of(
            "migrator-db-credentials", Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "QUARKUS_DATASOURCE_LEGACY_USERNAME", "QUARKUS_DATASOURCE_LEGACY_PASSWORD"),
            "bi-service-db-credentials", Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "QUARKUS_DATASOURCE_ALERTS_USERNAME", "QUARKUS_DATASOURCE_ALERTS_PASSWORD"),
            "bi-service-alerts", Set.of("BI_ALERTS_CLIENT_TOKEN_URL", "BI_ALERTS_CLIENT_CLIENT_ID",
                    "BI_ALERTS_CLIENT_CLIENT_SECRET", "BI_ALERTS_CATALOG_TOKEN"),
            "metrics-catalog-db-credentials", Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "QUARKUS_DATASOURCE_READMODEL_USERNAME", "QUARKUS_DATASOURCE_READMODEL_PASSWORD"));

    /** What each workload must be given, by container image: the variables without a usable default. */
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "migrator-service", Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_DATASOURCE_LEGACY_JDBC_URL",
                    "QUARKUS_DATASOURCE_LEGACY_USERNAME", "QUARKUS_DATASOURCE_LEGACY_PASSWORD",
                    "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_ID", "MIGRATOR_DELTA_CRON",
                    "MIGRATOR_AUDIT_CRON"),
            "bi-service", Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_DATASOURCE_ALERTS_USERNAME",
                    "QUARKUS_DATASOURCE_ALERTS_PASSWORD", "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_ID",
                    "QUARKUS_REST_CLIENT_METRICS_CATALOG_URL"),
            "metrics-catalog-service", Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_DATASOURCE_READMODEL_JDBC_URL",
                    "QUARKUS_DATASOURCE_READMODEL_USERNAME", "QUARKUS_DATASOURCE_READMODEL_PASSWORD",
                    "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_ID"));

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretIsCommittedOnlyReferencedByTheKeysTheReadmeLists(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        for (JsonNode secret : manifests.all("Secret")) {
            assertThat(secret.has("data") || secret.has("stringData")).as("Secret %s carries values", name(secret))
                    .isFalse();
        }
        Map<String, Set<String>> referenced = new HashMap<>();
        for (JsonNode workload : manifests.workloads()) {
            for (JsonNode container : containers(workload)) {
                for (JsonNode env : elements(container.path("env"))) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        referenced.computeIfAbsent(ref.path("name").asText(), k -> new TreeSet<>())
                                .add(ref.path("key").asText());
                    }
                    assertThat(env.has("value") && looksSecret(env.path("name").asText()))
                            .as("%s of %s is a literal value", env.path("name").asText(), name(workload)).isFalse();
                }
                assertThat(elements(container.path("envFrom"))).as("envFrom of %s", name(workload))
                        .noneMatch(from -> from.has("secretRef"));
            }
        }
        assertThat(referenced).isEqualTo(SECRET_KEYS);
        for (JsonNode configMap : manifests.all("ConfigMap")) {
            assertThat(configMap.path("data").properties()).extracting(Map.Entry::getKey)
                    .as("ConfigMap %s holds no credential", name(configMap))
                    .noneMatch(ConfigurationTest::looksSecret);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyWorkloadGetsTheVariablesItsServiceReads(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        for (JsonNode workload : manifests.workloads()) {
            for (JsonNode container : containers(workload)) {
                Map<String, String> env = manifests.environment(container);
                String service = REQUIRED.keySet().stream()
                        .filter(s -> container.path("image").asText().contains("/" + s + ":"))
                        .findFirst().orElseThrow(() -> new AssertionError("unknown image " + container.path("image")));
                assertThat(env.keySet()).as("variables of %s", name(workload)).containsAll(REQUIRED.get(service));
                env.entrySet().stream().filter(e -> e.getKey().endsWith("JDBC_URL")).forEach(url ->
                        assertThat(url.getValue()).as("%s of %s", url.getKey(), name(workload))
                                .startsWith("jdbc:postgresql://").contains("sslmode=require"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void biServiceFindsTheCatalogByItsServiceName(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        JsonNode bi = containers(manifests.one("Deployment", "bi-service")).getFirst();
        URI catalog = URI.create(manifests.environment(bi).get("QUARKUS_REST_CLIENT_METRICS_CATALOG_URL"));
        JsonNode service = manifests.one("Service", catalog.getHost());
        int port = catalog.getPort() == -1 ? 80 : catalog.getPort();
        assertThat(elements(service.path("spec").path("ports"))).extracting(p -> p.path("port").asInt()).contains(port);
    }

    private static boolean looksSecret(String name) {
        return name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN");
    }
}
