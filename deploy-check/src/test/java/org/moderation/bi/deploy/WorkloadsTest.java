package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.deploy.Manifests.containers;
import static org.moderation.bi.deploy.Manifests.elements;
import static org.moderation.bi.deploy.Manifests.name;
import static org.moderation.bi.deploy.Manifests.podLabels;
import static org.moderation.bi.deploy.Manifests.podSpec;
import static org.moderation.bi.deploy.Manifests.port;
import static org.moderation.bi.deploy.Manifests.selects;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Every overlay: how each pod runs, is probed, sized, scraped, reached, scaled and replaced. */
class WorkloadsTest {

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceIsProbedOnTheQuarkusHealthEndpoints(String overlay) {
        List<JsonNode> deployments = Kustomize.render(overlay).all("Deployment");
        assertThat(deployments).extracting(Manifests::name)
                .containsExactlyInAnyOrder("migrator-service", "bi-service", "metrics-catalog-service");
        for (JsonNode deployment : deployments) {
            for (JsonNode container : containers(deployment)) {
                for (var probe : List.of(List.of("startupProbe", "/q/health/started"),
                        List.of("livenessProbe", "/q/health/live"), List.of("readinessProbe", "/q/health/ready"))) {
                    JsonNode get = container.path(probe.get(0)).path("httpGet");
                    assertThat(get.path("path").asText()).as("%s of %s", probe.get(0), name(deployment))
                            .isEqualTo(probe.get(1));
                    assertThat(port(container, get.path("port"))).as("%s port of %s", probe.get(0), name(deployment))
                            .isEqualTo(port(container, elements(container.path("ports")).getFirst()
                                    .path("containerPort")));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasCpuAndMemoryRequestsWithinItsLimits(String overlay) {
        for (JsonNode workload : Kustomize.render(overlay).workloads()) {
            for (JsonNode container : containers(workload)) {
                JsonNode requests = container.path("resources").path("requests");
                JsonNode limits = container.path("resources").path("limits");
                String what = name(workload) + "/" + container.path("name").asText();
                assertThat(Quantities.millicores(requests.path("cpu").asText("0"))).as("cpu request of %s", what)
                        .isPositive()
                        .isLessThanOrEqualTo(Quantities.millicores(limits.path("cpu").asText("0")));
                assertThat(Quantities.bytes(requests.path("memory").asText("0"))).as("memory request of %s", what)
                        .isPositive()
                        .isLessThanOrEqualTo(Quantities.bytes(limits.path("memory").asText("0")));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsUnderTheRestrictedPodSecurityStandard(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        for (JsonNode workload : manifests.workloads()) {
            JsonNode pod = podSpec(workload).path("securityContext");
            assertThat(podSpec(workload).path("automountServiceAccountToken").asBoolean(true))
                    .as("%s mounts no API token", name(workload)).isFalse();
            for (JsonNode container : containers(workload)) {
                JsonNode security = container.path("securityContext");
                String what = name(workload) + "/" + container.path("name").asText();
                assertThat(effective(security, pod, "runAsNonRoot").asBoolean()).as("runAsNonRoot of %s", what).isTrue();
                assertThat(effective(security, pod, "seccompProfile").path("type").asText())
                        .as("seccomp profile of %s", what).isEqualTo("RuntimeDefault");
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                        .as("allowPrivilegeEscalation of %s", what).isFalse();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as("read-only root of %s", what)
                        .isTrue();
                assertThat(elements(security.path("capabilities").path("drop"))).extracting(JsonNode::asText)
                        .as("dropped capabilities of %s", what).contains("ALL");
                assertThat(security.path("capabilities").has("add")).as("added capabilities of %s", what).isFalse();
                String tmpVolume = elements(container.path("volumeMounts")).stream()
                        .filter(m -> "/tmp".equals(m.path("mountPath").asText()))
                        .map(m -> m.path("name").asText()).findFirst()
                        .orElseThrow(() -> new AssertionError(what + " has no writable /tmp"));
                assertThat(elements(podSpec(workload).path("volumes")))
                        .as("/tmp of %s is an emptyDir", what)
                        .anyMatch(v -> tmpVolume.equals(v.path("name").asText()) && v.has("emptyDir"));
            }
        }
        for (JsonNode namespace : manifests.all("Namespace")) {
            assertThat(namespace.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
                    .as("Pod Security Standard enforced on %s", name(namespace)).isEqualTo("restricted");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void prometheusScrapesEveryServiceOnItsPort(String overlay) {
        for (JsonNode deployment : Kustomize.render(overlay).all("Deployment")) {
            JsonNode annotations = deployment.path("spec").path("template").path("metadata").path("annotations");
            JsonNode container = containers(deployment).getFirst();
            assertThat(annotations.path("prometheus.io/scrape").asText()).as(name(deployment)).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText()).as(name(deployment)).isEqualTo("/q/metrics");
            assertThat(annotations.path("prometheus.io/port").asInt()).as(name(deployment))
                    .isEqualTo(port(container, elements(container.path("ports")).getFirst().path("containerPort")));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceSelectsTheDeploymentOfItsNameAndNothingElse(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        for (JsonNode deployment : manifests.all("Deployment")) {
            JsonNode service = manifests.one("Service", name(deployment));
            JsonNode selector = service.path("spec").path("selector");
            for (JsonNode workload : manifests.workloads()) {
                boolean selected = Manifests.strings(selector).entrySet().stream()
                        .allMatch(e -> e.getValue().equals(podLabels(workload).get(e.getKey())));
                assertThat(selected).as("Service %s selects the pods of %s", name(service), name(workload))
                        .isEqualTo(workload == deployment);
            }
            for (JsonNode servicePort : elements(service.path("spec").path("ports"))) {
                assertThat(port(containers(deployment).getFirst(), servicePort.path("targetPort")))
                        .as("target port of Service %s", name(service)).isPositive();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void exactlyOneMigratorThatIsReplacedRatherThanRolled(String overlay) {
        JsonNode migrator = Kustomize.render(overlay).one("Deployment", "migrator-service");
        assertThat(migrator.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(migrator.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void biServiceIsScaledByItsAutoscalerAndKeptUpByItsDisruptionBudget(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        JsonNode bi = manifests.one("Deployment", "bi-service");
        assertThat(bi.path("spec").has("replicas")).as("replicas left to the autoscaler").isFalse();

        JsonNode autoscaler = manifests.one("HorizontalPodAutoscaler", "bi-service").path("spec");
        assertThat(autoscaler.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(autoscaler.path("scaleTargetRef").path("name").asText()).isEqualTo("bi-service");
        assertThat(autoscaler.path("minReplicas").asInt()).isPositive()
                .isLessThan(autoscaler.path("maxReplicas").asInt());
        assertThat(manifests.all("HorizontalPodAutoscaler")).hasSize(1);

        JsonNode budget = manifests.one("PodDisruptionBudget", "bi-service").path("spec");
        for (JsonNode workload : manifests.workloads()) {
            assertThat(selects(budget.path("selector"), podLabels(workload)))
                    .as("the budget covers the pods of %s", name(workload)).isEqualTo(workload == bi);
        }
        assertThat(manifests.all("PodDisruptionBudget")).hasSize(1);
    }

    /** A container's security setting, or the pod's where the container leaves it out. */
    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }
}
