package dev.shoal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.Version;
import java.time.Instant;

/**
 * The cluster as {@code GET /info} shows it (Docker's {@code ClusterInfo}): the {@link Cluster}
 * without its join tokens, which only {@code GET /swarm} reveals. Immutable.
 */
public record ClusterInfo(@JsonProperty("ID") String id, Version version, Instant createdAt, Instant updatedAt, ClusterSpec spec) {
    /** The info of {@code c}, or null when {@code c} is null. */
    public static ClusterInfo of(Cluster c) {
        return c == null ? null : new ClusterInfo(c.id(), c.version(), c.createdAt(), c.updatedAt(), c.spec());
    }
}
