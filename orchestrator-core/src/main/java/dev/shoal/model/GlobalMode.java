package dev.shoal.model;

/** Marks a global service: one task on every eligible node. */
public record GlobalMode() {
}
