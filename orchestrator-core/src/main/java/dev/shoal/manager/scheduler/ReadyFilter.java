package dev.shoal.manager.scheduler;

import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeState;

/** Accepts nodes that are READY and ACTIVE (not paused or drained). Static; thread-safe. */
public final class ReadyFilter implements Filter {
    @Override public boolean isStatic() { return true; }

    @Override
    public boolean accepts(PassState s, int node, TaskGroup g) {
        var n = s.node(node);
        return n.status() != null && n.status().state() == NodeState.READY && n.spec().availability() == NodeAvailability.ACTIVE;
    }

    @Override
    public String explain(int nodes) { return (nodes == 1 ? "1 node" : nodes + " nodes") + " not available for new tasks"; }
}
