package dev.shoal.manager.scheduler;

/**
 * Accepts nodes whose capacity, minus the reservations of tasks already on them (and placed earlier in
 * this pass), covers the group's CPU, memory and generic resource reservations (a node that does not
 * advertise a kind has none of it). Dynamic; thread-safe.
 */
public final class ResourceFilter implements Filter {
    @Override public boolean appliesTo(TaskGroup g) { return g.nanoCpus() > 0 || g.memoryBytes() > 0 || g.genericKinds().length > 0; }

    @Override public boolean isStatic() { return false; }

    @Override
    public boolean accepts(PassState s, int node, TaskGroup g) {
        if (s.freeNanoCpus(node) < g.nanoCpus() || s.freeMemoryBytes(node) < g.memoryBytes()) return false;
        String[] kinds = g.genericKinds();
        long[] amounts = g.genericAmounts();
        for (int k = 0; k < kinds.length; k++) if (s.freeGeneric(node, kinds[k]) < amounts[k]) return false;
        return true;
    }

    @Override
    public String explain(int nodes) { return "insufficient resources on " + Filter.nodes(nodes); }
}
