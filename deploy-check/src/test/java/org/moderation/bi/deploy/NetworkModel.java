package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.deploy.Manifests.elements;
import static org.moderation.bi.deploy.Manifests.selects;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an overlay's NetworkPolicies let through, by the rules of the Kubernetes API: a pod selected by no policy
 * of a direction is open in that direction; otherwise a connection needs a rule of some selecting policy whose
 * peer and port match. TCP only; named ports and matchExpressions are refused rather than guessed at.
 */
final class NetworkModel {

    /** Who is at the other end: pods (with their namespace's labels) or an address outside the cluster. */
    record Peer(Map<String, String> namespaceLabels, Map<String, String> podLabels, String address) {

        static Peer podIn(String namespace, Map<String, String> podLabels) {
            return new Peer(Map.of("kubernetes.io/metadata.name", namespace), podLabels, null);
        }

        static Peer anyPodIn(String namespace) {
            return podIn(namespace, Map.of());
        }

        static Peer address(String ipv4) {
            return new Peer(Map.of(), Map.of(), ipv4);
        }
    }

    private final String namespace;
    private final List<JsonNode> policies;

    NetworkModel(Manifests manifests) {
        this.policies = manifests.all("NetworkPolicy");
        assertThat(policies).as("NetworkPolicies of overlay %s", manifests.overlay()).isNotEmpty();
        this.namespace = policies.getFirst().path("metadata").path("namespace").asText();
    }

    Peer pod(Map<String, String> labels) {
        return Peer.podIn(namespace, labels);
    }

    boolean ingressAllowed(Map<String, String> podLabels, Peer from, int port) {
        return allowed("Ingress", "ingress", "from", podLabels, from, port);
    }

    boolean egressAllowed(Map<String, String> podLabels, Peer to, int port) {
        return allowed("Egress", "egress", "to", podLabels, to, port);
    }

    /** Between two pods of the namespace: the source may send and the destination may receive. */
    boolean connects(Map<String, String> source, Map<String, String> destination, int port) {
        return egressAllowed(source, pod(destination), port) && ingressAllowed(destination, pod(source), port);
    }

    private boolean allowed(String type, String rules, String peers, Map<String, String> podLabels, Peer peer,
            int port) {
        List<JsonNode> selecting = policies.stream()
                .filter(p -> types(p).contains(type) && selects(p.path("spec").path("podSelector"), podLabels))
                .toList();
        return selecting.isEmpty() || selecting.stream()
                .flatMap(p -> elements(p.path("spec").path(rules)).stream())
                .anyMatch(rule -> matchesPeer(rule.path(peers), peer) && matchesPort(rule.path("ports"), port));
    }

    private static List<String> types(JsonNode policy) {
        JsonNode types = policy.path("spec").path("policyTypes");
        assertThat(types.isArray()).as("NetworkPolicy %s states its policyTypes", Manifests.name(policy)).isTrue();
        return elements(types).stream().map(JsonNode::asText).toList();
    }

    private boolean matchesPeer(JsonNode peers, Peer peer) {
        return peers.isMissingNode() || elements(peers).stream().anyMatch(p -> matchesOne(p, peer));
    }

    private boolean matchesOne(JsonNode entry, Peer peer) {
        if (entry.has("ipBlock")) {
            JsonNode block = entry.path("ipBlock");
            return peer.address() != null && Cidr.contains(block.path("cidr").asText(), peer.address())
                    && elements(block.path("except")).stream()
                            .noneMatch(except -> Cidr.contains(except.asText(), peer.address()));
        }
        if (peer.address() != null) {
            return false;
        }
        boolean namespaceMatches = entry.has("namespaceSelector")
                ? selects(entry.path("namespaceSelector"), peer.namespaceLabels())
                : namespace.equals(peer.namespaceLabels().get("kubernetes.io/metadata.name"));
        boolean podMatches = !entry.has("podSelector") || selects(entry.path("podSelector"), peer.podLabels());
        return namespaceMatches && podMatches;
    }

    private static boolean matchesPort(JsonNode ports, int port) {
        return ports.isMissingNode() || elements(ports).stream().anyMatch(p -> {
            assertThat(p.path("port").isInt()).as("numeric port in %s", p).isTrue();
            return "TCP".equals(p.path("protocol").asText("TCP")) && p.path("port").asInt() == port;
        });
    }

    /** IPv4 CIDR blocks, enough for the ipBlocks of a database or an OIDC provider. */
    static final class Cidr {

        private Cidr() {
        }

        static boolean contains(String cidr, String address) {
            String[] parts = cidr.split("/");
            int bits = Integer.parseInt(parts[1]);
            long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
            return (ipv4(parts[0]) & mask) == (ipv4(address) & mask);
        }

        private static long ipv4(String address) {
            long value = 0;
            for (String octet : address.split("\\.")) {
                value = value << 8 | Integer.parseInt(octet);
            }
            return value;
        }
    }
}
