package dev.shoal.manager.scheduler;

import dev.shoal.model.GenericResource;
import dev.shoal.model.Node;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-node counters of one scheduling pass, in arrays indexed by node position: free CPU and
 * memory, free generic resources (per kind a group asks for), total tasks, tasks per service. Computed once from the {@link ClusterView} at the start of a
 * pass and updated as the pass assigns, so later placements see earlier ones. Not thread-safe.
 */
public final class PassState {
    private final ClusterView view;
    private final Node[] nodes;
    private final long[] freeCpu;
    private final long[] freeMem;
    private final int[] total;
    private final Map<String, int[]> perService = new HashMap<>();
    private final Map<String, long[]> freeGeneric = new HashMap<>();
    private Map<String, Integer> index;
    /** Named units claimed in this pass, by kind and node position; null until a group reserving generic resources is placed. */
    private Map<String, Set<String>[]> claimedNamed;

    PassState(ClusterView view) {
        this.view = view;
        this.nodes = view.nodes().toArray(new Node[0]);
        int n = nodes.length;
        freeCpu = new long[n];
        freeMem = new long[n];
        total = new int[n];
        for (int i = 0; i < n; i++) {
            Node node = nodes[i];
            NodeLoad l = view.load(node.id());
            Resources cap = node.description() == null || node.description().resources() == null ? Resources.NONE : node.description().resources();
            freeCpu[i] = cap.nanoCpus() - l.reservedNanoCpus();
            freeMem[i] = cap.memoryBytes() - l.reservedMemoryBytes();
            total[i] = l.tasks();
        }
    }

    public int size() { return nodes.length; }

    /** The position of node {@code id} in this pass, or -1 when the view does not have it. */
    public int indexOf(String id) {
        if (index == null) {
            index = new HashMap<>(nodes.length * 2);
            for (int i = 0; i < nodes.length; i++) index.put(nodes[i].id(), i);
        }
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    public Node node(int i) { return nodes[i]; }

    public long freeNanoCpus(int i) { return freeCpu[i]; }

    public long freeMemoryBytes(int i) { return freeMem[i]; }

    public int totalTasks(int i) { return total[i]; }

    /** Free amount of generic resource {@code kind} on node {@code i}: advertised minus reserved (counted once per kind and pass). */
    public long freeGeneric(int i, String kind) { return generic(kind)[i]; }

    private long[] generic(String kind) {
        long[] free = freeGeneric.get(kind);
        if (free == null) {
            free = new long[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                NodeDescription d = nodes[i].description();
                long cap = d == null || d.resources() == null ? 0 : GenericResource.amount(d.resources().genericResources(), kind);
                free[i] = cap - view.load(nodes[i].id()).reservedGeneric(kind);
            }
            freeGeneric.put(kind, free);
        }
        return free;
    }

    /** Tasks of {@code serviceId} on each node, including this pass's assignments (the live array). */
    public int[] serviceCounts(String serviceId) {
        int[] c = perService.get(serviceId);
        if (c == null) {
            c = new int[nodes.length];
            for (int i = 0; i < nodes.length; i++) c[i] = view.load(nodes[i].id()).tasksOf(serviceId);
            perService.put(serviceId, c);
        }
        return c;
    }

    /** Whether a task publishing {@code ports} in host mode would clash with one already on node {@code i}. */
    public boolean hostPortInUse(int i, List<HostPort> ports) {
        for (Map.Entry<String, List<HostPort>> e : view.hostPortServices().entrySet()) {
            if (!intersects(ports, e.getValue())) continue;
            int[] pass = perService.get(e.getKey());
            int n = pass != null ? pass[i] : view.load(nodes[i].id()).tasksOf(e.getKey());
            if (n > 0) return true;
        }
        return false;
    }

    /**
     * Counts a task of {@code g} onto node {@code i} and returns the generic resources it gets there (empty
     * when it reserves none): for each kind, named units the node advertises that no task holds yet (in
     * the node's order), then a discrete amount for the rest, as SwarmKit claims them. The filters have
     * already checked that the node has enough.
     */
    List<GenericResource> assign(int i, TaskGroup g, int[] serviceCounts) {
        freeCpu[i] -= g.nanoCpus();
        freeMem[i] -= g.memoryBytes();
        total[i]++;
        serviceCounts[i]++;
        String[] kinds = g.genericKinds();
        if (kinds.length == 0) return List.of();
        List<GenericResource> claimed = new ArrayList<>(kinds.length);
        for (int k = 0; k < kinds.length; k++) {
            long want = g.genericAmounts()[k];
            generic(kinds[k])[i] -= want;
            want -= claimNamed(i, kinds[k], want, claimed);
            if (want > 0) claimed.add(GenericResource.discrete(kinds[k], want));
        }
        return claimed;
    }

    /** Adds up to {@code want} free named units of {@code kind} on node {@code i} to {@code out}; returns how many. */
    private long claimNamed(int i, String kind, long want, List<GenericResource> out) {
        NodeDescription d = nodes[i].description();
        if (d == null || d.resources() == null) return 0;
        NodeLoad load = view.load(nodes[i].id());
        if (claimedNamed == null) claimedNamed = new HashMap<>();
        @SuppressWarnings("unchecked")
        Set<String>[] byNode = claimedNamed.computeIfAbsent(kind, k -> (Set<String>[]) new Set<?>[nodes.length]);
        if (byNode[i] == null) byNode[i] = new HashSet<>();
        Set<String> taken = byNode[i];
        long got = 0;
        for (GenericResource r : d.resources().genericResources()) {
            if (got == want) break;
            var named = r.namedResourceSpec();
            if (named == null || !kind.equals(named.kind())) continue;
            if (load.namedInUse(kind, named.value()) || !taken.add(named.value())) continue;
            out.add(r);
            got++;
        }
        return got;
    }

    private static boolean intersects(List<HostPort> a, List<HostPort> b) {
        for (HostPort x : a) for (HostPort y : b) if (x.equals(y)) return true;
        return false;
    }
}
