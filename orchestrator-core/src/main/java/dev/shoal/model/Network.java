package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A swarm network: the spec and the store's metadata. Each node's agent realises it on its own engine as
 * a local network of the same name when a task attached to it lands there. Immutable.
 */
public record Network(@JsonProperty("ID") String id, Version version, Instant createdAt, Instant updatedAt, NetworkSpec spec)
        implements StoreObject {
    @Override
    @JsonIgnore
    public Kind kind() { return Kind.NETWORK; }

    @Override
    public Network withMeta(Version v, Instant created, Instant updated) { return new Network(id, v, created, updated, spec); }

    @Override
    @JsonIgnore
    public String name() { return spec.name(); }
}
