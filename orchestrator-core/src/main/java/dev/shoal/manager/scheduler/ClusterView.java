package dev.shoal.manager.scheduler;

import dev.shoal.model.GenericResource;
import dev.shoal.model.Node;
import dev.shoal.model.Resources;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.store.ReadTx;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scheduler needs to know of the cluster: the nodes (ordered by id, so passes are
 * deterministic), what is placed on each, and which services publish host-mode ports. Built once from
 * a store view ({@link #of}) and then kept current by the scheduler loop from store events, so a pass
 * never rescans every task. Mutable and not thread-safe: one owner thread.
 */
public final class ClusterView {
    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final Map<String, NodeLoad> loads = new HashMap<>();
    private final Map<String, List<HostPort>> hostPorts = new HashMap<>();
    private final NodeLoad empty = new NodeLoad();

    /** A view of everything in {@code tx}. */
    public static ClusterView of(ReadTx tx) {
        ClusterView v = new ClusterView();
        for (Node n : tx.nodes()) v.putNode(n);
        for (Service s : tx.services()) v.putService(s);
        for (Node n : tx.nodes()) for (Task t : tx.tasksOfNode(n.id())) v.taskChanged(null, t);
        return v;
    }

    public void putNode(Node n) { nodes.put(n.id(), n); }

    public void removeNode(String id) { nodes.remove(id); }

    public void putService(Service s) {
        List<HostPort> p = HostPort.of(s.spec());
        if (p.isEmpty()) hostPorts.remove(s.id()); else hostPorts.put(s.id(), p);
    }

    public void removeService(String id) { hostPorts.remove(id); }

    /** Accounts one task change; {@code old} or {@code now} is null for a creation or deletion. */
    public void taskChanged(Task old, Task now) {
        if (old != null && counts(old)) load(old, -1);
        if (now != null && counts(now)) load(now, +1);
    }

    /**
     * Whether a task holds a place on its node: it was given to the node ({@link Task#isDispatched()}) and
     * has not ended. A global task still waiting to be admitted on its node holds nothing there yet.
     */
    public static boolean counts(Task t) { return t.isDispatched() && !t.state().isTerminal(); }

    private void load(Task t, int sign) {
        Resources r = t.spec() == null ? Resources.NONE : t.spec().resources().reservations();
        NodeLoad l = loads.computeIfAbsent(t.nodeId(), k -> new NodeLoad());
        l.add(t.serviceId(), r.nanoCpus(), r.memoryBytes(), sign);
        for (GenericResource g : r.genericResources()) {
            if (g.discreteResourceSpec() != null) l.addGeneric(g.kind(), g.discreteResourceSpec().value(), sign);
        }
        for (GenericResource g : t.assignedGenericResources()) {
            if (g.namedResourceSpec() != null) l.holdNamed(g.kind(), g.namedResourceSpec().value(), sign);
        }
        if (l.isEmpty()) loads.remove(t.nodeId());
    }

    /** The nodes, ordered by id. Read-only. */
    public Collection<Node> nodes() { return Collections.unmodifiableCollection(nodes.values()); }

    public Node node(String id) { return nodes.get(id); }

    /** What is placed on node {@code id} (an empty load when nothing is). */
    public NodeLoad load(String id) {
        NodeLoad l = loads.get(id);
        return l == null ? empty : l;
    }

    /** Host-mode ports published by service {@code id} (empty when none). */
    public List<HostPort> hostPorts(String serviceId) { return hostPorts.getOrDefault(serviceId, List.of()); }

    /** Every service that publishes host-mode ports, with its ports. Read-only. */
    public Map<String, List<HostPort>> hostPortServices() { return Collections.unmodifiableMap(hostPorts); }
}
