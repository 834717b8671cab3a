package dev.shoal.manager.scheduler;

import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeState;

/** Accepts nodes that are READY and ACTIVE (not paused or drained). Static; thread-safe. */
public final class ReadyFilter implements Filter {
    @Override public boolean isStatic() { return true; }

    @Override
    public boolean accepts(PassState s, int node, TaskGroup g) { return acceptsNewTasks(s.node(node)); }

    /** Whether {@code n} takes new tasks at all: READY and ACTIVE (the rebalancer uses it to notice nodes that start to). */
    public static boolean acceptsNewTasks(Node n) {
        return n != null && n.status() != null && n.status().state() == NodeState.READY && n.spec().availability() == NodeAvailability.ACTIVE;
    }

    @Override
    public String explain(int nodes) { return (nodes == 1 ? "1 node" : nodes + " nodes") + " not available for new tasks"; }
}
