package dev.shoal.cli.client;

/**
 * The body of {@code POST /swarm/init}; null fields are left out so the daemon applies its defaults.
 *
 * @param listenAddr      the address the manager listens on for cluster traffic
 * @param advertiseAddr   the address other nodes reach it on
 * @param forceNewCluster whether to make a new single-manager cluster from this node's state
 */
public record InitRequest(String listenAddr, String advertiseAddr, Boolean forceNewCluster) {
}
