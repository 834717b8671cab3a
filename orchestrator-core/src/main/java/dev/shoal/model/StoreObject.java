package dev.shoal.model;

import java.time.Instant;

/**
 * An object held in one of the store's tables. Every object has an id, a version (the Raft index of
 * its last write) and creation/update times set by the manager that proposed the write.
 * Implementations are immutable records.
 */
public sealed interface StoreObject permits Node, Service, Task, Cluster, Network, Secret, Config {
    String id();

    Version version();

    Instant createdAt();

    Instant updatedAt();

    /** The table this object lives in. */
    Kind kind();

    /** A copy stamped with a new version and update time; used only by the store when it applies a write. */
    StoreObject withMeta(Version version, Instant createdAt, Instant updatedAt);

    /** The tables of the store. */
    enum Kind { NODE, SERVICE, TASK, CLUSTER, NETWORK, SECRET, CONFIG }

    /** The unique name of a named object (networks, secrets, configs); null for the other kinds. */
    default String name() { return null; }
}
