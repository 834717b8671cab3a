package dev.shoal.manager.scheduler;

/**
 * One test a node must pass to receive a task of a group, with the text that explains refusals.
 * Filters are stateless and thread-safe. A static filter's verdict depends only on the node and the
 * group, so the scheduler evaluates it once per group and node; a dynamic one depends on the pass's
 * counters and is re-checked at each placement (its refusals never turn into acceptances within a pass).
 */
public interface Filter {
    /** Whether this filter has anything to check for {@code g}; skipped (and never blamed) otherwise. */
    default boolean appliesTo(TaskGroup g) { return true; }

    /** See the class comment. */
    boolean isStatic();

    boolean accepts(PassState s, int node, TaskGroup g);

    /** Why {@code nodes} nodes were refused, as Swarm words it ("insufficient resources on 2 nodes"). */
    String explain(int nodes);

    /** "1 node" / "N nodes". */
    static String nodes(int n) { return n == 1 ? "1 node" : n + " nodes"; }
}
