package dev.shoal.manager.scheduler;

import dev.shoal.model.GenericResource;
import dev.shoal.model.Task;
import java.util.List;
import java.util.Map;

/**
 * Places the tasks of one {@link TaskGroup} during one pass, a few at a time, onto the nodes of a
 * {@link NodeHeap}: it takes the heap's best node, re-checks the dynamic filters (dropping a node that
 * no longer passes), assigns, and restores the heap. Remembers how many of the group's tasks are placed,
 * so several heaps (the leaves of a {@link SpreadTree}) can be filled in turn. Not thread-safe.
 */
final class GroupPlacer {
    private final PassState state;
    private final TaskGroup group;
    private final Filter[] dynamic;
    private final int[] serviceCounts;
    private final Map<String, String> assigned;
    private final Map<String, List<GenericResource>> generic;
    private int next;

    GroupPlacer(PassState state, TaskGroup group, Filter[] dynamic, int[] serviceCounts, Map<String, String> assigned,
                Map<String, List<GenericResource>> generic) {
        this.generic = generic;
        this.state = state;
        this.group = group;
        this.dynamic = dynamic;
        this.serviceCounts = serviceCounts;
        this.assigned = assigned;
    }

    /** Tasks of the group not placed yet. */
    int remaining() { return group.tasks().size() - next; }

    /** Index of the first unplaced task in the group's task list. */
    int placed() { return next; }

    /**
     * Places up to {@code n} tasks on the heap's nodes; returns how many it placed. Fewer than asked
     * means the heap ran out of nodes that pass (it is then empty) or the group ran out of tasks.
     */
    int fill(NodeHeap heap, int n) {
        List<Task> tasks = group.tasks();
        int done = 0;
        while (done < n && next < tasks.size() && !heap.isEmpty()) {
            int node = heap.peek();
            if (!passes(node)) {
                heap.removeTop();
                continue;
            }
            List<GenericResource> claimed = state.assign(node, group, serviceCounts);
            String taskId = tasks.get(next++).id();
            assigned.put(taskId, state.node(node).id());
            if (!claimed.isEmpty()) generic.put(taskId, claimed);
            done++;
            heap.topIncreased();
        }
        return done;
    }

    private boolean passes(int node) {
        for (Filter f : dynamic) if (!f.accepts(state, node, group)) return false;
        return true;
    }
}
