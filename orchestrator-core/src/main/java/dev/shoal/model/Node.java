package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A host in the cluster: its spec (set by users), description and status (set by its agent). Immutable. */
public record Node(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        NodeSpec spec,
        NodeDescription description,
        NodeStatus status,
        ManagerStatus managerStatus) implements StoreObject {

    @Override
    @JsonIgnore
    public Kind kind() { return Kind.NODE; }

    @Override
    public Node withMeta(Version v, Instant created, Instant updated) {
        return new Node(id, v, created, updated, spec, description, status, managerStatus);
    }

    public Node withSpec(NodeSpec s) { return new Node(id, version, createdAt, updatedAt, s, description, status, managerStatus); }

    public Node withDescription(NodeDescription d) { return new Node(id, version, createdAt, updatedAt, spec, d, status, managerStatus); }

    public Node withStatus(NodeStatus s) { return new Node(id, version, createdAt, updatedAt, spec, description, s, managerStatus); }

    public Node withManagerStatus(ManagerStatus m) { return new Node(id, version, createdAt, updatedAt, spec, description, status, m); }

    /** The hostname the node reported, or its spec name before it has reported. */
    @JsonIgnore
    public String hostname() {
        if (description != null && description.hostname() != null) return description.hostname();
        return spec.name() == null ? "" : spec.name();
    }

    @JsonIgnore
    public boolean isReady() { return status != null && status.state() == NodeState.READY; }
}
