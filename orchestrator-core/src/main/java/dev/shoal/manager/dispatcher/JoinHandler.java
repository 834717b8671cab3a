package dev.shoal.manager.dispatcher;

import dev.shoal.protocol.AgentMessage;

/**
 * Admits nodes into the cluster: checks a {@link AgentMessage.Join}'s token secret (or, for a member
 * promoted to manager, the certificate it connected with), records the node in the store and
 * certifies its key. Implemented by the daemon, which holds the cluster CA; every manager admits,
 * leader or not (the store write goes through Raft either way). Implementations must be thread-safe
 * and may block; they never throw, answering {@link AgentMessage.Refused} instead.
 */
public interface JoinHandler {
    /**
     * @param join                the request
     * @param authenticatedNodeId the node id of the certificate the connection presented, or "" when it
     *                            presented none
     * @param remoteAddress       where the request came from, for logs and the node's address
     * @return {@link AgentMessage.Joined} or {@link AgentMessage.Refused} saying why
     */
    AgentMessage admit(AgentMessage.Join join, String authenticatedNodeId, String remoteAddress);
}
