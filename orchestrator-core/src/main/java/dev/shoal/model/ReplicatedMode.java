package dev.shoal.model;

/** A replicated service's desired number of tasks. */
public record ReplicatedMode(long replicas) {
}
