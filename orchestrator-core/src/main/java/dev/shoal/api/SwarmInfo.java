package dev.shoal.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code Swarm} part of {@code GET /info}, as Docker shapes it: this node's id and address, its
 * membership state, whether it is a manager ({@code ControlAvailable}), the last join/init error if
 * any, node and manager counts (0 when unknown) and the cluster (null when not a manager or before
 * init). Immutable.
 */
public record SwarmInfo(
        @JsonProperty("NodeID") String nodeId,
        String nodeAddr,
        LocalNodeState localNodeState,
        boolean controlAvailable,
        String error,
        int nodes,
        int managers,
        ClusterInfo cluster) {

    /** What a node that has not joined any swarm reports. */
    public static SwarmInfo inactive() {
        return new SwarmInfo("", "", LocalNodeState.INACTIVE, false, null, 0, 0, null);
    }
}
