package dev.shoal.manager.scheduler;

import dev.shoal.model.GenericResource;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides where pending tasks run: a pure, synchronous function from a {@link ClusterView} and a list
 * of pending tasks to a {@link Plan}. Nodes must pass a pipeline of {@link Filter}s (ready, resources,
 * constraints, host ports, max replicas per node); placement preferences then split the nodes that pass
 * into nested groups by label value and spread the tasks evenly over them ({@link SpreadTree}); within a
 * group a task goes to the node with the fewest tasks of its service, then the fewest tasks in total
 * (Swarm's spread), counting the assignments made earlier in the same pass.
 *
 * <p>Cost: pending tasks are grouped by service and spec; static filters run once per group and node;
 * each placement then costs one heap operation (O(log nodes)), so a pass is about
 * O(groups × nodes + tasks × log nodes); preferences add one label lookup per node and level, and a
 * sort of the branches per round of evening-out. A task that cannot be placed gets Swarm's reason text,
 * {@code no suitable node (<explanations, most refusals first>)}.
 *
 * <p>A task that already names its node (a global service's, created there by its orchestrator) is not
 * placed but <em>admitted</em>: it must pass the same filters on that one node, so it never overcommits
 * the node's resources nor takes a host port in use; such tasks go before the others in a pass.
 *
 * <p>Stateless between calls and thread-safe; it never mutates the view. Never throws for odd input
 * (unparseable stored constraints become a reason).
 */
public final class Scheduler {
    private final List<Filter> filters;

    /** Swarm's pipeline, in its order. */
    public Scheduler() {
        this(List.of(new ReadyFilter(), new ResourceFilter(), new ConstraintFilter(), new HostPortFilter(), new MaxReplicasFilter()));
    }

    /** A scheduler with a custom pipeline (tests, future filters). */
    public Scheduler(List<Filter> filters) { this.filters = List.copyOf(filters); }

    public Plan schedule(ClusterView view, List<Task> pending) {
        Map<String, String> assigned = new LinkedHashMap<>(pending.size() * 2);
        Map<String, String> unplaced = new LinkedHashMap<>();
        Map<String, List<GenericResource>> generic = new HashMap<>();
        if (pending.isEmpty()) return new Plan(assigned, unplaced);
        PassState state = new PassState(view);
        List<Task> free = new ArrayList<>(pending.size());
        List<Task> onTheirNode = new ArrayList<>();
        for (Task t : pending) (t.nodeId() == null ? free : onTheirNode).add(t);
        // Tasks that can run on one node only claim it first, as SwarmKit's preassigned tasks do.
        for (TaskGroup g : group(view, onTheirNode)) if (constraintsParse(g, unplaced)) admit(state, g, assigned, unplaced, generic);
        for (TaskGroup g : group(view, free)) if (constraintsParse(g, unplaced)) place(state, g, assigned, unplaced, generic);
        return new Plan(assigned, unplaced, generic);
    }

    /** Whether {@code g}'s stored constraints parse; when they do not, every task of it is unplaced with the parse error. */
    private static boolean constraintsParse(TaskGroup g, Map<String, String> unplaced) {
        if (g.constraintError() == null) return true;
        for (Task t : g.tasks()) unplaced.put(t.id(), "no suitable node (" + g.constraintError() + ")");
        return false;
    }

    /** The pipeline's filters that have something to check for {@code g}, in pipeline order. */
    private List<Filter> applicable(TaskGroup g) {
        List<Filter> out = new ArrayList<>(filters.size());
        for (Filter f : filters) if (f.appliesTo(g)) out.add(f);
        return out;
    }

    /**
     * Admits each task of {@code g} on the node it was created on (a global service's), when that node
     * passes every filter; a task refused stays pending with the first refusal as its reason.
     */
    private void admit(PassState state, TaskGroup g, Map<String, String> assigned, Map<String, String> unplaced,
                       Map<String, List<GenericResource>> generic) {
        List<Filter> applied = applicable(g);
        int[] svc = state.serviceCounts(g.serviceId());
        tasks:
        for (Task t : g.tasks()) {
            int i = state.indexOf(t.nodeId());
            if (i < 0) {
                unplaced.put(t.id(), "no suitable node (node " + t.nodeId() + " is not in the swarm)");
                continue;
            }
            for (Filter f : applied) {
                if (!f.accepts(state, i, g)) {
                    unplaced.put(t.id(), "no suitable node (" + f.explain(1) + ")");
                    continue tasks;
                }
            }
            List<GenericResource> claimed = state.assign(i, g, svc);
            assigned.put(t.id(), t.nodeId());
            if (!claimed.isEmpty()) generic.put(t.id(), claimed);
        }
    }

    /**
     * The ids of the nodes (in the view's order) that pass every static filter for tasks of service
     * {@code serviceId} made from {@code spec}: ready and active, placement constraints satisfied. These are
     * the nodes the service may spread over; whether one has room right now (resources, ports, max
     * replicas) is for {@link #schedule} to say. Empty when the stored constraints cannot be parsed.
     */
    public List<String> eligibleNodes(ClusterView view, String serviceId, TaskSpec spec) {
        TaskGroup g = new TaskGroup(serviceId, spec, view.hostPorts(serviceId));
        List<String> out = new ArrayList<>();
        if (g.constraintError() != null) return out;
        List<Filter> statics = new ArrayList<>();
        for (Filter f : filters) if (f.isStatic() && f.appliesTo(g)) statics.add(f);
        PassState state = new PassState(view);
        nodes:
        for (int i = 0; i < state.size(); i++) {
            for (Filter f : statics) if (!f.accepts(state, i, g)) continue nodes;
            out.add(state.node(i).id());
        }
        return out;
    }

    private static List<TaskGroup> group(ClusterView view, List<Task> pending) {
        List<TaskGroup> groups = new ArrayList<>();
        Map<String, List<TaskGroup>> byService = new HashMap<>();
        for (Task t : pending) {
            List<TaskGroup> gs = byService.computeIfAbsent(t.serviceId(), k -> new ArrayList<>(1));
            TaskGroup g = null;
            for (TaskGroup c : gs) {
                if (c.accepts(t.serviceId(), t.spec())) {
                    g = c;
                    break;
                }
            }
            if (g == null) {
                g = new TaskGroup(t.serviceId(), t.spec(), view.hostPorts(t.serviceId()));
                gs.add(g);
                groups.add(g);
            }
            g.tasks().add(t);
        }
        return groups;
    }

    private void place(PassState state, TaskGroup g, Map<String, String> assigned, Map<String, String> unplaced,
                       Map<String, List<GenericResource>> generic) {
        List<Filter> statics = new ArrayList<>();
        List<Filter> dynamics = new ArrayList<>();
        for (Filter f : applicable(g)) (f.isStatic() ? statics : dynamics).add(f);
        int[] svc = state.serviceCounts(g.serviceId());
        boolean[] eligible = new boolean[state.size()];
        nodes:
        for (int i = 0; i < state.size(); i++) {
            for (Filter f : statics) if (!f.accepts(state, i, g)) continue nodes;
            eligible[i] = true;
        }
        GroupPlacer placer = new GroupPlacer(state, g, dynamics.toArray(new Filter[0]), svc, assigned, generic);
        SpreadTree.build(state, g, svc, eligible).place(placer, placer.remaining());
        List<Task> tasks = g.tasks();
        int next = placer.placed();
        if (next < tasks.size()) {
            String reason = explain(state, g);
            for (int i = next; i < tasks.size(); i++) unplaced.put(tasks.get(i).id(), reason);
        }
    }

    /** Swarm's text: for each node the first filter (in pipeline order) that refuses it, most refusals first. */
    private String explain(PassState state, TaskGroup g) {
        List<Filter> applied = applicable(g);
        int[] refused = new int[applied.size()];
        for (int i = 0; i < state.size(); i++) {
            for (int k = 0; k < applied.size(); k++) {
                if (!applied.get(k).accepts(state, i, g)) {
                    refused[k]++;
                    break;
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < refused.length; k++) if (refused[k] > 0) order.add(k);
        order.sort((a, b) -> Integer.compare(refused[b], refused[a]));
        if (order.isEmpty()) return "no suitable node";
        StringBuilder sb = new StringBuilder("no suitable node (");
        for (int k = 0; k < order.size(); k++) {
            if (k > 0) sb.append("; ");
            sb.append(applied.get(order.get(k)).explain(refused[order.get(k)]));
        }
        return sb.append(')').toString();
    }
}
