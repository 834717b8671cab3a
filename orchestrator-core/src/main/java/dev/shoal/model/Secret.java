package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A secret kept in the replicated store. Its value goes only to the agents of nodes that run a task
 * using it; no API answer includes it. Immutable.
 */
public record Secret(@JsonProperty("ID") String id, Version version, Instant createdAt, Instant updatedAt, SecretSpec spec)
        implements StoreObject {
    @Override
    @JsonIgnore
    public Kind kind() { return Kind.SECRET; }

    @Override
    public Secret withMeta(Version v, Instant created, Instant updated) { return new Secret(id, v, created, updated, spec); }

    @Override
    @JsonIgnore
    public String name() { return spec.name(); }

    /** This secret without its value, for answers to users. */
    public Secret redacted() { return new Secret(id, version, createdAt, updatedAt, spec.withoutData()); }
}
