package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A config (non-secret file content) kept in the replicated store. Immutable. */
public record Config(@JsonProperty("ID") String id, Version version, Instant createdAt, Instant updatedAt, ConfigSpec spec)
        implements StoreObject {
    @Override
    @JsonIgnore
    public Kind kind() { return Kind.CONFIG; }

    @Override
    public Config withMeta(Version v, Instant created, Instant updated) { return new Config(id, v, created, updated, spec); }

    @Override
    @JsonIgnore
    public String name() { return spec.name(); }
}
