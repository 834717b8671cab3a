package dev.shoal.executor;

import java.util.Map;

/**
 * A swarm network as one node's engine realises it: a local bridge network of the same name, labelled
 * with the swarm network's id, internal when the swarm network is. Immutable.
 */
public record LocalNetwork(String name, String swarmNetworkId, boolean internal, Map<String, String> labels) {
    public LocalNetwork {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
