package dev.shoal.model;

/** A copy of the owning service's name, carried by each task so agents can name containers. */
public record ServiceAnnotations(String name) {
}
