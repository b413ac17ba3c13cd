package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.deploy.Manifests.podLabels;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.moderation.bi.deploy.NetworkModel.Peer;

/** Every overlay: who may talk to whom, read from the rendered NetworkPolicies as the cluster would read them. */
class NetworkPoliciesTest {

    private static final Peer INGRESS_CONTROLLER = Peer.anyPodIn("ingress-nginx");
    private static final Peer PROMETHEUS = Peer.anyPodIn("monitoring");
    private static final Peer ELSEWHERE_IN_THE_CLUSTER = Peer.anyPodIn("some-other-team");
    private static final Peer DATABASE = Peer.address("198.51.100.7");
    private static final Peer OIDC_PROVIDER = Peer.address("203.0.113.20");
    private static final Map<String, String> OPERATOR_SHELL = Map.of("moderation-bi/migrator-admin-client", "true");
    private static final Map<String, String> SOME_OTHER_POD = Map.of("app.kubernetes.io/name", "debug");

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyBiServiceAndTheCatalogAreReachableFromTheIngressController(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        NetworkModel network = new NetworkModel(manifests);
        assertThat(network.ingressAllowed(labels(manifests, "bi-service"), INGRESS_CONTROLLER, 8082)).isTrue();
        assertThat(network.ingressAllowed(labels(manifests, "metrics-catalog-service"), INGRESS_CONTROLLER, 8083))
                .isTrue();
        assertThat(network.ingressAllowed(labels(manifests, "migrator-service"), INGRESS_CONTROLLER, 8081)).isFalse();
        for (JsonNode workload : manifests.workloads()) {
            for (int port : List.of(8081, 8082, 8083)) {
                assertThat(network.ingressAllowed(podLabels(workload), ELSEWHERE_IN_THE_CLUSTER, port))
                        .as("%s:%d from another namespace", Manifests.name(workload), port).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theMigratorAdminApiIsReachableOnlyFromOperatorPodsInTheNamespace(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        NetworkModel network = new NetworkModel(manifests);
        Map<String, String> migrator = labels(manifests, "migrator-service");
        assertThat(network.ingressAllowed(migrator, network.pod(OPERATOR_SHELL), 8081)).isTrue();
        assertThat(network.ingressAllowed(migrator, network.pod(SOME_OTHER_POD), 8081)).isFalse();
        assertThat(network.ingressAllowed(migrator, network.pod(labels(manifests, "bi-service")), 8081)).isFalse();
        assertThat(network.ingressAllowed(migrator, Peer.podIn("some-other-team", OPERATOR_SHELL), 8081)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheServicesReachTheDatabase(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        NetworkModel network = new NetworkModel(manifests);
        for (JsonNode workload : manifests.workloads()) {
            String name = Manifests.name(workload);
            assertThat(network.egressAllowed(podLabels(workload), DATABASE, 5432)).as("%s to PostgreSQL", name)
                    .isTrue();
            assertThat(network.egressAllowed(podLabels(workload), DATABASE, 22)).as("%s to another port", name)
                    .isFalse();
        }
        assertThat(network.egressAllowed(SOME_OTHER_POD, DATABASE, 5432)).as("any other pod").isFalse();
    }

    /** Each database a workload is given (the catalog's read model among them) on the port its URL names. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyWorkloadReachesEachDatabaseItIsGiven(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        NetworkModel network = new NetworkModel(manifests);
        var urls = new ArrayList<String>();
        for (JsonNode workload : manifests.workloads()) {
            for (JsonNode container : Manifests.containers(workload)) {
                manifests.environment(container).forEach((name, url) -> {
                    if (name.endsWith("_JDBC_URL")) {
                        URI database = URI.create(url.substring("jdbc:".length()));
                        int port = database.getPort() == -1 ? 5432 : database.getPort();
                        assertThat(network.egressAllowed(podLabels(workload), DATABASE, port))
                                .as("%s to %s (%s)", Manifests.name(workload), database.getHost(), name).isTrue();
                        urls.add(Manifests.name(workload) + " " + name);
                    }
                });
            }
        }
        assertThat(urls).contains("metrics-catalog-service QUARKUS_DATASOURCE_READMODEL_JDBC_URL",
                "bi-service QUARKUS_DATASOURCE_JDBC_URL");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServicesThatCheckTokensReachTheOidcProvider(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        NetworkModel network = new NetworkModel(manifests);
        assertThat(network.egressAllowed(labels(manifests, "migrator-service"), OIDC_PROVIDER, 443)).isTrue();
        assertThat(network.egressAllowed(labels(manifests, "bi-service"), OIDC_PROVIDER, 443)).isTrue();
        assertThat(network.egressAllowed(labels(manifests, "metrics-catalog-service"), OIDC_PROVIDER, 443)).isTrue();
        assertThat(network.egressAllowed(SOME_OTHER_POD, OIDC_PROVIDER, 443)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void biServiceReachesTheCatalogAndEveryPodResolvesNames(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        NetworkModel network = new NetworkModel(manifests);
        Map<String, String> catalog = labels(manifests, "metrics-catalog-service");
        assertThat(network.connects(labels(manifests, "bi-service"), catalog, 8083)).isTrue();
        assertThat(network.connects(labels(manifests, "migrator-service"), catalog, 8083)).isFalse();
        Peer dns = Peer.podIn("kube-system", Map.of("k8s-app", "kube-dns"));
        for (JsonNode workload : manifests.workloads()) {
            assertThat(network.egressAllowed(podLabels(workload), dns, 53)).as(Manifests.name(workload)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void prometheusScrapesEveryService(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        NetworkModel network = new NetworkModel(manifests);
        assertThat(network.ingressAllowed(labels(manifests, "migrator-service"), PROMETHEUS, 8081)).isTrue();
        assertThat(network.ingressAllowed(labels(manifests, "bi-service"), PROMETHEUS, 8082)).isTrue();
        assertThat(network.ingressAllowed(labels(manifests, "metrics-catalog-service"), PROMETHEUS, 8083)).isTrue();
    }

    private static Map<String, String> labels(Manifests manifests, String deployment) {
        return podLabels(manifests.one("Deployment", deployment));
    }
}
