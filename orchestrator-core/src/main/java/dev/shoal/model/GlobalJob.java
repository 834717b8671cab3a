package dev.shoal.model;

/** Marks a global job: one task, run to completion once, on every eligible node. */
public record GlobalJob() {
}
