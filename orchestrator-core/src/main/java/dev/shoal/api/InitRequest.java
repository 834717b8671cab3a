package dev.shoal.api;

import dev.shoal.model.ClusterSpec;

/**
 * The body of {@code POST /swarm/init} (Docker's {@code SwarmInitRequest}, the fields Shoal uses):
 * the address to listen on for managers and agents, the address to advertise to them, whether to
 * force a new one-manager cluster from this node's state, and optional cluster settings (null fields
 * take defaults). Immutable.
 */
public record InitRequest(String listenAddr, String advertiseAddr, boolean forceNewCluster, ClusterSpec spec) {
    /** The request an empty body stands for: all defaults. */
    public static final InitRequest DEFAULTS = new InitRequest(null, null, false, null);
}
