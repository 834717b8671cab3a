package dev.shoal.manager.scheduler;

/** Accepts nodes where none of the group's host-mode published ports is already taken. Dynamic; thread-safe. */
public final class HostPortFilter implements Filter {
    @Override public boolean appliesTo(TaskGroup g) { return !g.hostPorts().isEmpty(); }

    @Override public boolean isStatic() { return false; }

    @Override
    public boolean accepts(PassState s, int node, TaskGroup g) { return !s.hostPortInUse(node, g.hostPorts()); }

    @Override
    public String explain(int nodes) { return "host-mode port already in use on " + Filter.nodes(nodes); }
}
