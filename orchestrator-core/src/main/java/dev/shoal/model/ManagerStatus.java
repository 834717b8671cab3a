package dev.shoal.model;

/** For manager nodes: whether it leads the Raft group, whether it is reachable, and its Raft address. */
public record ManagerStatus(boolean leader, Reachability reachability, String addr) {
}
