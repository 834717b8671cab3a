package dev.shoal.model;

import java.util.Map;

/** What the user sets on a node: labels, role and availability. Immutable. */
public record NodeSpec(String name, Map<String, String> labels, NodeRole role, NodeAvailability availability) {
    public NodeSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        role = role == null ? NodeRole.WORKER : role;
        availability = availability == null ? NodeAvailability.ACTIVE : availability;
    }

    public NodeSpec withAvailability(NodeAvailability a) { return new NodeSpec(name, labels, role, a); }

    public NodeSpec withRole(NodeRole r) { return new NodeSpec(name, labels, r, availability); }

    public NodeSpec withLabels(Map<String, String> l) { return new NodeSpec(name, l, role, availability); }
}
