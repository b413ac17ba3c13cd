package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.deploy.Manifests.containers;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What tells production from development, and the full-load Job in each. */
class EnvironmentsTest {

    private static final List<String> DEPLOYMENTS = List.of("migrator-service", "bi-service", "metrics-catalog-service");

    private final Manifests dev = Kustomize.render("dev");
    private final Manifests prod = Kustomize.render("prod");

    @Test
    void eachEnvironmentLivesInItsOwnNamespace() {
        for (Manifests overlay : List.of(dev, prod, Kustomize.render("prod-full-load"))) {
            String namespace = Manifests.name(overlay.all("Namespace").getFirst());
            assertThat(overlay.objects()).filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
                    .as("namespace of everything in %s", overlay.overlay())
                    .allMatch(o -> namespace.equals(o.path("metadata").path("namespace").asText()));
        }
        assertThat(namespaceOf(prod)).isNotEqualTo(namespaceOf(dev));
    }

    @Test
    void productionRunsReleasedImagesAndDevelopmentTheMovingDevTag() {
        for (String deployment : DEPLOYMENTS) {
            String prodImage = image(prod.one("Deployment", deployment));
            assertThat(prodImage).as("prod image of %s", deployment).matches(".+:\\d+\\.\\d+\\.\\d+");
            assertThat(image(dev.one("Deployment", deployment))).as("dev image of %s", deployment).endsWith(":dev");
        }
    }

    @Test
    void productionHasMoreReplicasAndLargerPods() {
        assertThat(autoscaler(prod, "minReplicas")).isGreaterThan(autoscaler(dev, "minReplicas"));
        assertThat(autoscaler(prod, "maxReplicas")).isGreaterThan(autoscaler(dev, "maxReplicas"));
        assertThat(replicas(prod, "metrics-catalog-service")).isGreaterThan(replicas(dev, "metrics-catalog-service"));
        for (String deployment : DEPLOYMENTS) {
            for (String resource : List.of("requests", "limits")) {
                assertThat(memory(prod, deployment, resource)).as("%s memory of %s", resource, deployment)
                        .isGreaterThan(memory(dev, deployment, resource));
            }
        }
    }

    @Test
    void developmentLoadsOnApplyProductionOnlyThroughTheCutoverOverlay() {
        assertThat(dev.all("Job")).extracting(Manifests::name).containsExactly("migrator-full-load");
        assertThat(prod.all("Job")).isEmpty();

        Manifests cutover = Kustomize.render("prod-full-load");
        JsonNode job = cutover.one("Job", "migrator-full-load");
        assertThat(image(job)).isEqualTo(image(prod.one("Deployment", "migrator-service")));
        assertThat(containers(job).getFirst().path("args")).extracting(JsonNode::asText).containsExactly("run", "full");
        assertThat(identities(cutover)).as("prod and the Job, nothing else")
                .containsAll(identities(prod)).hasSize(identities(prod).size() + 1);
    }

    private static String namespaceOf(Manifests overlay) {
        return overlay.one("Deployment", "bi-service").path("metadata").path("namespace").asText();
    }

    private static String image(JsonNode workload) {
        return containers(workload).getFirst().path("image").asText();
    }

    private static int autoscaler(Manifests overlay, String field) {
        return overlay.one("HorizontalPodAutoscaler", "bi-service").path("spec").path(field).asInt();
    }

    private static int replicas(Manifests overlay, String deployment) {
        return overlay.one("Deployment", deployment).path("spec").path("replicas").asInt();
    }

    private static long memory(Manifests overlay, String deployment, String resource) {
        return Quantities.bytes(containers(overlay.one("Deployment", deployment)).getFirst()
                .path("resources").path(resource).path("memory").asText());
    }

    private static Set<String> identities(Manifests overlay) {
        return overlay.objects().stream().map(o -> o.path("kind").asText() + "/" + Manifests.name(o))
                .collect(Collectors.toSet());
    }
}
