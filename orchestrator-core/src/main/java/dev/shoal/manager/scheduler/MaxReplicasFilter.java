package dev.shoal.manager.scheduler;

/**
 * Accepts nodes holding fewer than the group's {@code Placement.MaxReplicas} tasks of its service.
 * Explains with Swarm's words ("max replicas per node limit exceed"), plus the node count Swarm leaves
 * out. Dynamic; thread-safe.
 */
public final class MaxReplicasFilter implements Filter {
    @Override public boolean appliesTo(TaskGroup g) { return g.maxReplicas() > 0; }

    @Override public boolean isStatic() { return false; }

    @Override
    public boolean accepts(PassState s, int node, TaskGroup g) { return s.serviceCounts(g.serviceId())[node] < g.maxReplicas(); }

    @Override
    public String explain(int nodes) { return "max replicas per node limit exceed on " + Filter.nodes(nodes); }
}
