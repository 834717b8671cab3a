package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The one cluster object: its settings and join tokens. Immutable. */
public record Cluster(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        ClusterSpec spec,
        JoinTokens joinTokens) implements StoreObject {

    @Override
    @JsonIgnore
    public Kind kind() { return Kind.CLUSTER; }

    @Override
    public Cluster withMeta(Version v, Instant created, Instant updated) {
        return new Cluster(id, v, created, updated, spec, joinTokens);
    }
}
