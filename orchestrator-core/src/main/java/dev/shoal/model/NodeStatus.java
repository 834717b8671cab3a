package dev.shoal.model;

/** A node's observed state, with a message and the address its agent connects from. */
public record NodeStatus(NodeState state, String message, String addr) {
}
