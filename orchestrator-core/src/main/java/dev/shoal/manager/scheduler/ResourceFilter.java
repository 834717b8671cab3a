package dev.shoal.manager.scheduler;

/**
 * Accepts nodes whose capacity, minus the reservations of tasks already on them (and placed earlier in
 * this pass), covers the group's CPU and memory reservations. Dynamic; thread-safe.
 */
public final class ResourceFilter implements Filter {
    @Override public boolean appliesTo(TaskGroup g) { return g.nanoCpus() > 0 || g.memoryBytes() > 0; }

    @Override public boolean isStatic() { return false; }

    @Override
    public boolean accepts(PassState s, int node, TaskGroup g) {
        return s.freeNanoCpus(node) >= g.nanoCpus() && s.freeMemoryBytes(node) >= g.memoryBytes();
    }

    @Override
    public String explain(int nodes) { return "insufficient resources on " + Filter.nodes(nodes); }
}
