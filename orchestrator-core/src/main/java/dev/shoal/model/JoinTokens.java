package dev.shoal.model;

/** The secrets a worker or a manager presents to join the cluster. */
public record JoinTokens(String worker, String manager) {
}
