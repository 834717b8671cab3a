package dev.shoal.manager.scheduler;

/** Accepts nodes that satisfy every placement constraint of the group. Static; thread-safe. */
public final class ConstraintFilter implements Filter {
    @Override public boolean appliesTo(TaskGroup g) { return !g.constraints().isEmpty(); }

    @Override public boolean isStatic() { return true; }

    @Override
    public boolean accepts(PassState s, int node, TaskGroup g) {
        for (Constraint c : g.constraints()) if (!c.matches(s.node(node))) return false;
        return true;
    }

    @Override
    public String explain(int nodes) { return "scheduling constraints not satisfied on " + Filter.nodes(nodes); }
}
