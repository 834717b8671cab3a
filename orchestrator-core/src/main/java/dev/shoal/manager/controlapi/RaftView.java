package dev.shoal.manager.controlapi;

/**
 * What the serving manager knows of its Raft group right now, as opposed to what the replicated store last
 * recorded. {@code node ls} and {@code node inspect} read the store of the manager they ask, and on a manager cut
 * off from the others that store stops at the last write it received — which may still name it, or a manager
 * that has since died, as the leader. {@link LiveManagerStatus} corrects the MANAGER STATUS with this view, as
 * Swarm computes it from its Raft member list rather than from the store. Implementations are thread-safe.
 */
public interface RaftView {
    /** This manager's node id. */
    String selfId();

    /** The node id of the leader as this manager knows it now, or {@code null} when it knows none. */
    String leaderId();
}
