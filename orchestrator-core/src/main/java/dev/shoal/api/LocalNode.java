package dev.shoal.api;

import dev.shoal.manager.controlapi.ApiException;
import dev.shoal.manager.controlapi.ControlApi;
import java.util.Optional;

/**
 * The daemon-level side of the API that is not a store operation: what this node is, turning it
 * into a swarm's first manager, and — once it is a manager — its {@link ControlApi}. {@code shoald}
 * implements it; tests use fakes. Implementations must be thread-safe: the API server calls them
 * from several worker threads (never from its event loop, so they may block).
 */
public interface LocalNode {
    /** This node's swarm membership as {@code GET /info} reports it. Must not throw. */
    SwarmInfo info();

    /**
     * Makes this node the first manager of a new swarm and returns its node id once the cluster is
     * committed. Throws {@link ApiException}: UNAVAILABLE (503) when the node is already part of a
     * swarm ("This node is already part of a swarm. Use \"swarmctl swarm leave\" to leave this swarm
     * and join another one.") or the cluster cannot start, INVALID (400) for bad addresses.
     */
    String initSwarm(InitRequest request);

    /**
     * Joins the swarm a manager in {@code request} belongs to, with the role its token grants, and
     * returns this node's new id. Throws {@link ApiException}: UNAVAILABLE when already in a swarm or
     * no manager can be reached (naming the addresses tried), INVALID for a malformed token or address,
     * or with the manager's refusal (a wrong or rotated token, a CA that does not match the token).
     * Nothing is left behind on this node when the join fails.
     */
    String joinSwarm(JoinRequest request);

    /**
     * Leaves the swarm: stops this node's agent (and manager), removes its task containers and forgets
     * its identity and certificates. A manager must be forced (FAILED_PRECONDITION otherwise, with
     * Swarm's warning about the managers that remain), and leaves the Raft group first when others
     * remain. UNAVAILABLE when the node is not in a swarm.
     */
    void leaveSwarm(boolean force);

    /**
     * The control API when this node is a manager; empty before init/join and on workers, in which
     * case every manager-only route answers 503 with {@link ApiException#NOT_A_MANAGER}.
     */
    Optional<ControlApi> controlApi();
}
