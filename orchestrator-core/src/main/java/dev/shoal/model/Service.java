package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A service: the user's spec, the spec before its last update (what a rollback puts back; null until the
 * first update), the store's metadata and the progress of its last rolling update (null when none was
 * followed). Immutable.
 */
public record Service(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        ServiceSpec spec,
        ServiceSpec previousSpec,
        UpdateStatus updateStatus) implements StoreObject {

    /** A service without an update status. */
    public Service(String id, Version version, Instant createdAt, Instant updatedAt, ServiceSpec spec, ServiceSpec previousSpec) {
        this(id, version, createdAt, updatedAt, spec, previousSpec, null);
    }

    @Override
    @JsonIgnore
    public Kind kind() { return Kind.SERVICE; }

    @Override
    public Service withMeta(Version v, Instant created, Instant updated) {
        return new Service(id, v, created, updated, spec, previousSpec, updateStatus);
    }

    /** A user's update: {@code s} becomes the spec, the current one the previous, and the update status is cleared (as SwarmKit does). */
    public Service withSpec(ServiceSpec s) { return new Service(id, version, createdAt, updatedAt, s, spec, null); }

    /**
     * A rollback: {@code restored} (the previous spec, its references resolved again) becomes the spec, the
     * current one the previous, with {@code status}.
     */
    public Service rolledBack(ServiceSpec restored, UpdateStatus status) {
        return new Service(id, version, createdAt, updatedAt, restored, spec, status);
    }

    public Service withUpdateStatus(UpdateStatus status) {
        return new Service(id, version, createdAt, updatedAt, spec, previousSpec, status);
    }
}
