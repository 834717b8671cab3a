package dev.shoal.manager.dispatcher;

import dev.shoal.protocol.AgentMessage;

/**
 * The dispatcher's end of one agent's session: how to send it messages and close it. Implementations
 * wrap a network channel (or a direct call in tests) and are thread-safe.
 */
public interface AgentSession {
    /** Sends a message; never blocks; a closed session drops it. */
    void send(AgentMessage message);

    /** Ends the session (the agent will reconnect). */
    void close();

    /** Whether the session is still open (a closed one drops what it is sent). */
    default boolean isOpen() { return true; }

    /** The peer's address, for the node's status. */
    String remoteAddress();

    /**
     * The node id the peer proved with its TLS certificate (its common name), or null on a session without
     * TLS (in-process tests). A session may only register as that node.
     */
    default String authenticatedNodeId() { return null; }
}
