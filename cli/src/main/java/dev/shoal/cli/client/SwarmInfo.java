package dev.shoal.cli.client;

/**
 * The {@code Swarm} part of {@code GET /info}: which node answers and whether it is in a swarm.
 *
 * @param nodeId           the answering node's id ("" before init)
 * @param nodeAddr         its address
 * @param localNodeState   "inactive" or "active"
 * @param controlAvailable whether it is a manager
 */
public record SwarmInfo(String nodeId, String nodeAddr, String localNodeState, boolean controlAvailable) {
}
