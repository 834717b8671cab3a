package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A service: the user's spec and the store's metadata. Immutable. */
public record Service(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        ServiceSpec spec,
        ServiceSpec previousSpec) implements StoreObject {

    @Override
    @JsonIgnore
    public Kind kind() { return Kind.SERVICE; }

    @Override
    public Service withMeta(Version v, Instant created, Instant updated) {
        return new Service(id, v, created, updated, spec, previousSpec);
    }

    public Service withSpec(ServiceSpec s) { return new Service(id, version, createdAt, updatedAt, s, spec); }
}
