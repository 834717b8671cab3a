package dev.shoal.manager.scheduler;

import static dev.shoal.testutil.Fixtures.CPU;
import static dev.shoal.testutil.Fixtures.GB;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.pending;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.spec;
import static dev.shoal.testutil.Fixtures.task;
import static dev.shoal.testutil.Fixtures.withResources;
import static dev.shoal.testutil.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.EndpointSpec;
import dev.shoal.model.EngineDescription;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeState;
import dev.shoal.model.PortConfig;
import dev.shoal.model.Resources;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nomad-style: seed a store, build the view, run one pass, assert on the plan. */
class SchedulerTest {
    private final Store store = Store.local();
    private final Scheduler scheduler = new Scheduler();

    private Plan schedule(List<Task> pending) { return scheduler.schedule(store.view(ClusterView::of), pending); }

    private static List<Task> pendingTasks(Service s, int n) {
        List<Task> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(pending(s.id() + "-t" + i, s, i));
        return out;
    }

    private static Map<String, Integer> perNode(Collection<String> nodeIds) {
        Map<String, Integer> m = new HashMap<>();
        for (String n : nodeIds) m.merge(n, 1, Integer::sum);
        return m;
    }

    @Test
    void spreadsEvenlyAndPrefersNodesWithFewerTasksOfTheService() {
        Service web = service("web", 9);
        Service other = service("other", 1);
        Fixtures.seed(store, node("a"), node("b"), node("c"), web, other,
                task("old1", web, 100, "a", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0),
                task("old2", web, 101, "a", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0),
                task("o1", other, 1, "b", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0));
        Plan p = schedule(pendingTasks(web, 4));
        assertTrue(p.unplaced().isEmpty());
        // b and c have no web task; c also has fewer tasks in total, so it goes first.
        assertEquals("c", p.assignments().get("web-t1"));
        assertEquals("b", p.assignments().get("web-t2"));
        assertEquals(Map.of("b", 2, "c", 2), perNode(p.assignments().values()));
    }

    @Test
    void respectsResourcesCountingTasksAlreadyPlaced() {
        Service svc = service("s", 4, spec("x", new Resources(2 * CPU, GB), List.of(), null));
        Fixtures.seed(store, node("a"), node("b"), svc, task("run", svc, 9, "a", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0));
        Plan p = schedule(pendingTasks(svc, 4));
        // a has 4 CPUs with 2 reserved: room for one more; b has room for two.
        assertEquals(Map.of("a", 1, "b", 2), perNode(p.assignments().values()));
        assertEquals("no suitable node (insufficient resources on 2 nodes)", p.unplaced().get("s-t4"));
    }

    @Test
    void explainsMixedRefusalsMostFirst() {
        Node small1 = withResources(node("a", Map.of("zone", "east")), CPU, GB);
        Node small2 = withResources(node("b", Map.of("zone", "east")), CPU, GB);
        Node west = node("c", Map.of("zone", "west"));
        Service svc = service("s", 1, spec("x", new Resources(2 * CPU, 0), List.of("node.labels.zone==east"), null));
        Fixtures.seed(store, small1, small2, west, svc);
        Plan p = schedule(pendingTasks(svc, 1));
        assertEquals("no suitable node (insufficient resources on 2 nodes; scheduling constraints not satisfied on 1 node)", p.unplaced().get("s-t1"));
    }

    @Test
    void onlyReadyActiveNodes() {
        Node down = withState(node("a"), NodeState.DOWN);
        Node drained = node("b").withSpec(node("b").spec().withAvailability(NodeAvailability.DRAIN));
        Node paused = node("c").withSpec(node("c").spec().withAvailability(NodeAvailability.PAUSE));
        Service svc = service("s", 2);
        Fixtures.seed(store, down, drained, paused, node("d"), svc);
        Plan p = schedule(pendingTasks(svc, 2));
        assertEquals(Map.of("s-t1", "d", "s-t2", "d"), p.assignments());
        Fixtures.update(store, Node.class, "d", n -> withState(n, NodeState.DOWN));
        p = schedule(pendingTasks(svc, 1));
        assertEquals("no suitable node (4 nodes not available for new tasks)", p.unplaced().get("s-t1"));
    }

    @Test
    void constraintsOnIdHostnameRolePlatformAndLabels() {
        Node mgr = node("m").withSpec(node("m").spec().withRole(NodeRole.MANAGER));
        Node arm = node("arm").withDescription(new NodeDescription("armhost", new dev.shoal.model.Platform("aarch64", "linux"),
                new Resources(4 * CPU, 8 * GB), new EngineDescription("27", Map.of("gpu", "yes"))));
        Node labelled = node("l", Map.of("tier", "db"));
        Fixtures.seed(store, mgr, arm, labelled);
        assertPlacedOn("node.role==manager", "m");
        assertPlacedOn("node.id==l", "l");
        assertPlacedOn("node.hostname==armhost", "arm");
        assertPlacedOn("node.platform.arch==aarch64", "arm");
        assertPlacedOn("engine.labels.gpu==yes", "arm");
        assertPlacedOn("node.labels.tier==DB", "l");
        assertPlacedOn("node.platform.os!=linux", null);
        // a missing label reads as empty: != matches nodes without it
        Service s = service("s", 3, spec("x", Resources.NONE, List.of("node.labels.tier!=db"), null));
        Plan p = schedule(pendingTasks(s, 2));
        assertEquals(Map.of("m", 1, "arm", 1), perNode(p.assignments().values()));
    }

    private void assertPlacedOn(String constraint, String nodeId) {
        Service s = service("s", 1, spec("x", Resources.NONE, List.of(constraint), null));
        Plan p = schedule(pendingTasks(s, 1));
        if (nodeId == null) {
            assertEquals("no suitable node (scheduling constraints not satisfied on 3 nodes)", p.unplaced().get("s-t1"), constraint);
        } else {
            assertEquals(nodeId, p.assignments().get("s-t1"), constraint);
        }
    }

    @Test
    void maxReplicasPerNode() {
        Service s = service("s", 3, spec("x", Resources.NONE, List.of(), 1L));
        Fixtures.seed(store, node("a"), node("b"), s);
        Plan p = schedule(pendingTasks(s, 3));
        assertEquals(Map.of("a", 1, "b", 1), perNode(p.assignments().values()));
        assertEquals("no suitable node (max replicas per node limit exceed on 2 nodes)", p.unplaced().get("s-t3"));
    }

    /** {@code base} publishing container port 80 on host port 8080 in host mode. */
    private static Service publishingHostPort8080(Service base) {
        ServiceSpec sp = base.spec();
        return new Service(base.id(), base.version(), base.createdAt(), base.updatedAt(), new ServiceSpec(sp.name(), null, sp.taskTemplate(), sp.mode(),
                new EndpointSpec("vip", List.of(new PortConfig(null, "tcp", 80, 8080, "host")))), null);
    }

    @Test
    void hostModePortsDoNotClash() {
        Service s = publishingHostPort8080(service("s", 3));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, task("r", s, 9, "c", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0));
        Plan p = schedule(pendingTasks(s, 3));
        assertEquals(Map.of("a", 1, "b", 1), perNode(p.assignments().values()));
        assertEquals("no suitable node (host-mode port already in use on 3 nodes)", p.unplaced().get("s-t3"));
    }

    /** A global service's task, created on {@code nodeId} and waiting to be admitted there. */
    private static Task onItsNode(String id, Service s, String nodeId) {
        return task(id, s, 0, nodeId, TaskState.PENDING, TaskState.RUNNING, Fixtures.T0);
    }

    @Test
    void tasksCreatedOnTheirNodeAreAdmittedOnlyWhereTheyFit() {
        // a has 4 CPUs with 3 reserved; b is free: the global task fits on b only, and is never moved to another node.
        Service busy = service("busy", 1, spec("x", new Resources(3 * CPU, 0), List.of(), null));
        Service mon = service("mon", 0, spec("x", new Resources(2 * CPU, 0), List.of(), null));
        Fixtures.seed(store, node("a"), node("b"), busy, mon, task("r", busy, 1, "a", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0));
        Plan p = schedule(List.of(onItsNode("mon-a", mon, "a"), onItsNode("mon-b", mon, "b")));
        assertEquals(Map.of("mon-b", "b"), p.assignments());
        assertEquals("no suitable node (insufficient resources on 1 node)", p.unplaced().get("mon-a"));
    }

    @Test
    void tasksCreatedOnTheirNodeDoNotCountUntilAdmittedAndClaimTheNodeFirst() {
        // Two global tasks on a already waiting (stored, not yet admitted) hold nothing there; in one pass the
        // global task is admitted first, and the replicated tasks then see its reservation.
        Service mon = service("mon", 0, spec("x", new Resources(3 * CPU, 0), List.of(), null));
        Service web = service("web", 2, spec("x", new Resources(2 * CPU, 0), List.of(), null));
        Task waiting = onItsNode("mon-a", mon, "a");
        Fixtures.seed(store, node("a"), mon, web, waiting);
        List<Task> pending = new ArrayList<>(pendingTasks(web, 2));
        pending.add(waiting);
        Plan p = schedule(pending);
        assertEquals("a", p.assignments().get("mon-a"));
        assertEquals("no suitable node (insufficient resources on 1 node)", p.unplaced().get("web-t1"));
        assertEquals(2, p.unplaced().size());
    }

    @Test
    void tasksCreatedOnTheirNodeRespectHostPortsAndReadiness() {
        Service g = publishingHostPort8080(service("g", 0));
        Service other = publishingHostPort8080(service("o", 1));
        Node down = node("c");
        down = down.withStatus(new dev.shoal.model.NodeStatus(NodeState.DOWN, "gone", "10.0.0.3"));
        Fixtures.seed(store, node("a"), node("b"), down, g, other, task("o1", other, 1, "a", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0));
        Plan p = schedule(List.of(onItsNode("g-a", g, "a"), onItsNode("g-b", g, "b"), onItsNode("g-c", g, "c"), onItsNode("g-x", g, "x")));
        assertEquals(Map.of("g-b", "b"), p.assignments());
        assertEquals("no suitable node (host-mode port already in use on 1 node)", p.unplaced().get("g-a"));
        assertEquals("no suitable node (1 node not available for new tasks)", p.unplaced().get("g-c"));
        assertEquals("no suitable node (node x is not in the swarm)", p.unplaced().get("g-x"));
    }

    @Test
    void noNodesAtAll() {
        Service s = service("s", 1);
        Fixtures.seed(store, s);
        assertEquals("no suitable node", schedule(pendingTasks(s, 1)).unplaced().get("s-t1"));
    }

    @Test
    void invalidStoredConstraintBecomesAReason() {
        Service s = service("s", 1, spec("x", Resources.NONE, List.of("node.labels.x"), null));
        Fixtures.seed(store, node("a"), s);
        String reason = schedule(pendingTasks(s, 1)).unplaced().get("s-t1");
        assertTrue(reason.startsWith("no suitable node (invalid constraint"), reason);
    }

    @Test
    void tenThousandNodesHundredThousandTasksSpreadEvenly() {
        List<Object> nodes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) nodes.add(node(String.format("n%05d", i)));
        Service a = service("a", 50_000);
        Service b = service("b", 50_000, spec("redis", new Resources(CPU / 100, 0), List.of("node.role==worker"), null));
        Fixtures.seed(store, nodes, a, b);
        List<Task> pending = new ArrayList<>(pendingTasks(a, 50_000));
        pending.addAll(pendingTasks(b, 50_000));
        ClusterView view = store.view(ClusterView::of);
        scheduler.schedule(view, pending); // warm-up
        long start = System.nanoTime();
        Plan p = scheduler.schedule(view, pending);
        long nanos = System.nanoTime() - start;
        System.out.printf("scheduled %d tasks on 10000 nodes in %d ms (%.0f placements/s)%n",
                p.assignments().size(), nanos / 1_000_000, p.assignments().size() / (nanos / 1e9));
        assertEquals(100_000, p.assignments().size());
        Map<String, Integer> per = perNode(p.assignments().values());
        assertEquals(10_000, per.size());
        assertTrue(per.values().stream().allMatch(c -> c == 10), "every node gets exactly 10");
    }
}
